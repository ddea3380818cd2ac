package org.careloop.rules.language;

import java.util.ArrayList;
import java.util.List;

/**
 * A phrase of the lexicon, compiled: words (with {@code *} stems and misspelling tolerance), {@code ..} gaps of up
 * to three words, and an optional leading {@code ^} that anchors it at the start of a clause.
 */
final class Phrase {

    static final int MAX_GAP = 3;
    private static final String GAP = "..";

    private final String text;
    private final List<String> parts;
    private final boolean anchored;
    private final boolean exact;

    private Phrase(String text, List<String> parts, boolean anchored, boolean exact) {
        this.text = text;
        this.parts = parts;
        this.anchored = anchored;
        this.exact = exact;
    }

    /** A phrase of the lexicon: small misspellings of its words still match. */
    static Phrase of(String text) {
        return of(text, false);
    }

    /** A cue ("not", "pero"): its words match as written (stems allowed), never as a misspelling of another word. */
    static Phrase exact(String text) {
        return of(text, true);
    }

    private static Phrase of(String text, boolean exact) {
        String trimmed = text.trim();
        boolean anchored = trimmed.startsWith("^");
        String body = anchored ? trimmed.substring(1).trim() : trimmed;
        List<String> parts = new ArrayList<>();
        for (String part : Normaliser.foldCase(body).split("\\s+")) {
            if (!part.isEmpty()) {
                parts.add(part.equals(GAP) ? GAP : part.replace("'", ""));
            }
        }
        if (parts.isEmpty()
                || parts.get(0).equals(GAP)
                || parts.get(parts.size() - 1).equals(GAP)) {
            throw new IllegalArgumentException("Phrase must start and end with a word: '" + text + "'");
        }
        return new Phrase(text, List.copyOf(parts), anchored, exact);
    }

    String text() {
        return text;
    }

    /** Number of words (gaps not counted): a longer phrase is the more specific one. */
    int words() {
        return (int) parts.stream().filter(p -> !p.equals(GAP)).count();
    }

    /** The end (exclusive) of a match that starts at {@code start}, or -1. */
    int matchAt(List<String> tokens, int start) {
        return matchAt(tokens, start, java.util.Set.of());
    }

    /**
     * @param known words the lexicon knows as written: such a word is never taken for a misspelling of another
     *              ("blood" is not a misspelt "bloody")
     */
    int matchAt(List<String> tokens, int start, java.util.Set<String> known) {
        if (anchored && start != 0) {
            return -1;
        }
        return match(tokens, start, 0, known);
    }

    /** The plain words of this phrase (no stems, no gaps). */
    List<String> plainWords() {
        return parts.stream().filter(p -> !p.equals(GAP) && !p.endsWith("*")).toList();
    }

    private int match(List<String> tokens, int at, int part, java.util.Set<String> known) {
        if (part == parts.size()) {
            return at;
        }
        String p = parts.get(part);
        if (p.equals(GAP)) {
            for (int skip = 0; skip <= MAX_GAP && at + skip <= tokens.size(); skip++) {
                int end = match(tokens, at + skip, part + 1, known);
                if (end >= 0) {
                    return end;
                }
            }
            return -1;
        }
        if (at >= tokens.size()) {
            return -1;
        }
        String token = tokens.get(at);
        boolean strict = exact || known.contains(token);
        if (!(strict ? Words.matchesExactly(p, token) : Words.matches(p, token))) {
            return -1;
        }
        return match(tokens, at + 1, part + 1, known);
    }

    @Override
    public String toString() {
        return text;
    }
}
