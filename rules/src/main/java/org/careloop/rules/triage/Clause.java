package org.careloop.rules.triage;

import java.util.List;
import java.util.Set;

/**
 * One clause of a reply, as lower-case tokens without punctuation. The rules ask it whether it
 * {@link #affirms affirms} a phrase: the phrase occurs (allowing small misspellings and, with a
 * trailing {@code *}, any word ending) and is not negated within the clause.
 */
public final class Clause {

    /** Negation cues that precede what they negate ("no chest pain", "not dizzy", "denies fever"). */
    private static final Set<String> PRE_NEGATION = Set.of("no", "not", "nor", "never", "without", "denies", "deny",
            "dont", "doesnt", "didnt", "isnt", "wasnt", "arent", "havent", "hasnt", "hadnt", "none", "neither",
            "nothing", "free", "longer", "zero");
    /** Negation cues that follow what they negate ("dizziness is gone", "not dizzy anymore"). */
    private static final Set<String> POST_NEGATION = Set.of("anymore", "gone", "resolved", "stopped", "away",
            "disappeared", "cleared");
    private static final int PRE_WINDOW = 4;
    private static final int POST_WINDOW = 3;

    private final int index;
    private final List<String> tokens;

    Clause(int index, List<String> tokens) {
        this.index = index;
        this.tokens = tokens;
    }

    public int getIndex() {
        return index;
    }

    public List<String> getTokens() {
        return tokens;
    }

    /**
     * True when any of the phrases occurs in this clause and that occurrence is not negated.
     *
     * @param alternatives phrases separated by {@code |}, e.g. {@code "chest pain|chest pressure"}
     */
    public boolean affirms(String alternatives) {
        for (String phrase : alternatives.split("\\|")) {
            String[] words = phrase.trim().toLowerCase().replace("'", "").split("\\s+");
            for (int start = 0; start + words.length <= tokens.size(); start++) {
                if (matchesAt(words, start) && !negated(start, start + words.length)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True when any of the {@code |}-separated phrases occurs in this clause, negated or not. */
    public boolean mentions(String alternatives) {
        for (String phrase : alternatives.split("\\|")) {
            String[] words = phrase.trim().toLowerCase().replace("'", "").split("\\s+");
            for (int start = 0; start + words.length <= tokens.size(); start++) {
                if (matchesAt(words, start)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True when the clause opens with one of the {@code |}-separated phrases ("can i …", "when …"). */
    public boolean opensWith(String alternatives) {
        for (String phrase : alternatives.split("\\|")) {
            String[] words = phrase.trim().toLowerCase().replace("'", "").split("\\s+");
            if (words.length <= tokens.size() && matchesAt(words, 0)) {
                return true;
            }
        }
        return false;
    }

    private boolean matchesAt(String[] words, int start) {
        for (int i = 0; i < words.length; i++) {
            if (!wordMatches(words[i], tokens.get(start + i))) {
                return false;
            }
        }
        return true;
    }

    private boolean negated(int start, int end) {
        for (int i = Math.max(0, start - PRE_WINDOW); i < start; i++) {
            if (PRE_NEGATION.contains(tokens.get(i))) {
                return true;
            }
        }
        for (int i = end; i < Math.min(tokens.size(), end + POST_WINDOW); i++) {
            // "bleeding hasn't stopped" / "pain is not gone" keep the symptom
            if (POST_NEGATION.contains(tokens.get(i)) && !PRE_NEGATION.contains(tokens.get(i - 1))) {
                return true;
            }
        }
        return false;
    }

    static boolean wordMatches(String pattern, String token) {
        if (pattern.endsWith("*")) {
            return stemMatches(pattern.substring(0, pattern.length() - 1), token);
        }
        if (pattern.equals(token)) {
            return true;
        }
        if (token.isEmpty() || pattern.charAt(0) != token.charAt(0)) {
            return false; // "never" is not a misspelt "fever"
        }
        if (pattern.length() == 4) {
            return Spelling.isSwap(pattern, token); // "pian" for "pain", but "find" is not "fine"
        }
        int allowed = pattern.length() >= 8 ? 2 : pattern.length() >= 5 ? 1 : 0;
        return allowed > 0 && Math.abs(pattern.length() - token.length()) <= allowed
                && Spelling.distance(pattern, token) <= allowed;
    }

    /** A word ending: "swell*" matches "swelling"; "pain*" matches the misspelt "pian"; "dizzy*" matches "dizy". */
    private static boolean stemMatches(String stem, String token) {
        if (token.startsWith(stem)) {
            return true;
        }
        if (token.isEmpty() || stem.charAt(0) != token.charAt(0) || token.length() < stem.length() - 1) {
            return false;
        }
        if (stem.length() == 4) {
            return token.length() >= 4 && Spelling.isSwap(stem, token.substring(0, 4));
        }
        if (stem.length() >= 5) {
            for (int len = stem.length() - 1; len <= Math.min(token.length(), stem.length() + 1); len++) {
                if (Spelling.distance(stem, token.substring(0, len)) <= 1) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "Clause" + index + tokens;
    }
}
