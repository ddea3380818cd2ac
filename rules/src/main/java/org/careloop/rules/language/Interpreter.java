package org.careloop.rules.language;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a patient's reply with the {@link Lexicon}: normalises it, splits it into clauses, finds every concept and
 * intent with NegEx-style negation (cues before and after, within a few words, never across a clause or a
 * scope end such as "and"), uncertainty and another person as experiencer; lists the clinical words nothing
 * explains; reads the values. It never decides what to do: the Drools rules do, over what it found.
 */
public final class Interpreter {

    static final int PRE_WINDOW = 4;
    static final int POST_WINDOW = 3;
    private static final int REASSURANCE_AFTER = 3;
    private static final int REASSURANCE_BEFORE = 1;
    private static final Pattern CLAUSE_PUNCTUATION =
            Pattern.compile("(?<!\\d)[.,](?!\\d)|[;:!?¿¡\\n\\r()\\[\\]\"]+|\\s-\\s");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private final Lexicon lexicon;
    private final Normaliser normaliser;
    private final Set<String> known;

    public Interpreter(Lexicon lexicon) {
        this.lexicon = lexicon;
        this.normaliser = new Normaliser(lexicon.emoji());
        this.known = lexicon.knownWords();
    }

    public static Interpreter standard() {
        return new Interpreter(Lexicon.standard());
    }

    /**
     * @param raw          the reply as the patient wrote it
     * @param languageHint the patient's preferred language (e.g. {@code es}), for shorthand; null for the first
     *                     language of the lexicon. Concepts of every language are read whatever the hint.
     */
    public Interpretation read(String raw, String languageHint) {
        return readAsking(raw, () -> languageHint);
    }

    /**
     * Reads the reply as {@link #read(String, String)} does, asking for the patient's language only when it could
     * change the reading: when a word of the reply is shorthand in one of the lexicon's languages. Most replies hold
     * none, and then finding the patient's language (a record read) is spared.
     */
    public Interpretation readAsking(String raw, java.util.function.Supplier<String> languageHint) {
        String text = normaliser.normalise(raw);
        String bare = String.join(" ", NON_WORD.split(text)).trim();
        String keyword = bare.isEmpty() ? null : lexicon.keywordFamily(bare);
        boolean question = text.endsWith("?") || text.startsWith("¿");
        List<ReportedValue> values = ValueReader.read(text);
        List<List<String>> parts = new ArrayList<>();
        boolean shorthandSeen = false;
        for (String part : CLAUSE_PUNCTUATION.split(text)) {
            List<String> tokens = new ArrayList<>();
            for (String token : NON_WORD.split(part)) {
                if (!token.isBlank()) {
                    tokens.add(token);
                    shorthandSeen |= lexicon.isShorthand(token);
                }
            }
            parts.add(tokens);
        }
        Map<String, String> shorthand = shorthandSeen ? lexicon.shorthand(language(languageHint.get())) : Map.of();
        List<ConceptMention> mentions = new ArrayList<>();
        List<UnresolvedTerm> unresolved = new ArrayList<>();
        List<UnresolvedTerm> denied = new ArrayList<>();
        int clauseIndex = 0;
        for (List<String> part : parts) {
            List<String> tokens = new ArrayList<>();
            for (String token : part) {
                String expanded = shorthand.getOrDefault(token, token);
                tokens.addAll(Arrays.asList(expanded.split(" ")));
            }
            for (List<String> clause : splitAtBreaks(tokens)) {
                if (!clause.isEmpty()) {
                    readClause(clause, clauseIndex++, mentions, unresolved, denied);
                }
            }
        }
        return new Interpretation(text, question, keyword, mentions, unresolved, denied, values, clauseIndex);
    }

    private String language(String hint) {
        if (hint != null) {
            String primary = hint.toLowerCase().split("[-_]")[0];
            if (lexicon.languages().contains(primary)) {
                return primary;
            }
        }
        return lexicon.languages().get(0);
    }

    private List<List<String>> splitAtBreaks(List<String> tokens) {
        List<List<String>> clauses = new ArrayList<>();
        int from = 0;
        int i = 0;
        while (i < tokens.size()) {
            int end = longestMatch(lexicon.cues("clause-break"), tokens, i);
            if (end > i) {
                clauses.add(tokens.subList(from, i));
                from = end;
                i = end;
            } else {
                i++;
            }
        }
        clauses.add(tokens.subList(from, tokens.size()));
        return clauses;
    }

    private void readClause(
            List<String> tokens,
            int clause,
            List<ConceptMention> mentions,
            List<UnresolvedTerm> unresolved,
            List<UnresolvedTerm> denied) {
        int n = tokens.size();
        boolean[] pseudo = new boolean[n];
        boolean[] scopeEnd = new boolean[n];
        boolean[] cue = new boolean[n];
        List<int[]> pre = new ArrayList<>();
        List<int[]> post = new ArrayList<>();
        boolean uncertain = false;
        boolean otherPerson = false;
        for (int i = 0; i < n; i++) {
            int end = longestMatch(lexicon.cues("pseudo-negation"), tokens, i);
            mark(pseudo, i, end);
            int u = longestMatch(lexicon.cues("uncertainty"), tokens, i);
            if (u > i) {
                uncertain = true;
                mark(pseudo, i, u);
                mark(cue, i, u);
            }
            int o = longestMatch(lexicon.cues("other-person"), tokens, i);
            if (o > i) {
                otherPerson = true;
            }
            mark(scopeEnd, i, longestMatch(lexicon.cues("scope-end"), tokens, i));
        }
        for (int i = 0; i < n; i++) {
            int end = longestMatch(lexicon.cues("negation-pre"), tokens, i);
            if (end > i && !any(pseudo, i, end)) {
                pre.add(new int[] {i, end});
                mark(cue, i, end);
            }
            int postEnd = longestMatch(lexicon.cues("negation-post"), tokens, i);
            if (postEnd > i && !any(pseudo, i, postEnd)) {
                post.add(new int[] {i, postEnd});
            }
        }
        List<ConceptMention> found = new ArrayList<>();
        for (Lexicon.Entry entry : lexicon.entries()) {
            for (int start = 0; start < n; start++) {
                int end = entry.phrase().matchAt(tokens, start, known);
                if (end > start) {
                    boolean negated = negated(start, end, pre, post, scopeEnd);
                    found.add(new ConceptMention(
                            lexicon.concept(entry.concept()), negated, uncertain, otherPerson, clause, start, end));
                }
            }
        }
        List<ConceptMention> kept = outermost(found);
        mentions.addAll(kept);
        boolean[] covered = new boolean[n];
        kept.forEach(m -> mark(covered, m.start(), m.end()));
        for (Lexicon.Term term : lexicon.clinicalWords()) {
            for (int start = 0; start < n; start++) {
                int end = term.phrase().matchAt(tokens, start, known);
                if (end <= start || any(covered, start, end) || any(cue, start, end)) {
                    continue;
                }
                mark(covered, start, end);
                UnresolvedTerm word =
                        new UnresolvedTerm(term.category(), String.join(" ", tokens.subList(start, end)), clause);
                if (negated(start, end, pre, post, scopeEnd)) {
                    denied.add(word);
                } else if (!reassured(start, end, kept, scopeEnd)) {
                    unresolved.add(word);
                }
            }
        }
    }

    /** Drops a mention that lies within a longer one ("catch my breath" inside "cant catch my breath"). */
    private static List<ConceptMention> outermost(List<ConceptMention> found) {
        List<ConceptMention> kept = new ArrayList<>();
        for (ConceptMention m : found) {
            boolean inside = false;
            for (ConceptMention other : found) {
                if (other != m
                        && other.start() <= m.start()
                        && m.end() <= other.end()
                        && other.end() - other.start() > m.end() - m.start()) {
                    inside = true;
                    break;
                }
            }
            if (!inside
                    && kept.stream()
                            .noneMatch(k -> k.getConcept().equals(m.getConcept()) && k.isNegated() == m.isNegated())) {
                kept.add(m);
            }
        }
        return kept;
    }

    private static boolean negated(int start, int end, List<int[]> pre, List<int[]> post, boolean[] scopeEnd) {
        for (int[] cue : pre) {
            if (cue[1] <= start && start - cue[1] <= PRE_WINDOW && !any(scopeEnd, cue[1], start)) {
                return true;
            }
        }
        for (int[] cue : post) {
            if (cue[0] >= end && cue[0] - end <= POST_WINDOW && !any(scopeEnd, end, cue[0])) {
                return true;
            }
        }
        return false;
    }

    /** "my arm is fine", "eating well", "good appetite": a reassurance right by the word explains it. */
    private static boolean reassured(int start, int end, List<ConceptMention> mentions, boolean[] scopeEnd) {
        for (ConceptMention m : mentions) {
            if (!m.getConcept().equals("reassurance") || m.isNegated()) {
                continue;
            }
            boolean after = m.start() >= end && m.start() - end <= REASSURANCE_AFTER && !any(scopeEnd, end, m.start());
            boolean before = m.end() <= start && start - m.end() <= REASSURANCE_BEFORE;
            if (after || before) {
                return true;
            }
        }
        return false;
    }

    private static int longestMatch(List<Phrase> phrases, List<String> tokens, int start) {
        int best = start;
        for (Phrase phrase : phrases) {
            best = Math.max(best, phrase.matchAt(tokens, start));
        }
        return best;
    }

    private static void mark(boolean[] flags, int from, int to) {
        for (int i = from; i < to; i++) {
            flags[i] = true;
        }
    }

    private static boolean any(boolean[] flags, int from, int to) {
        for (int i = from; i < to && i < flags.length; i++) {
            if (flags[i]) {
                return true;
            }
        }
        return false;
    }
}
