package org.careloop.rules.language;

/**
 * Whether a word of a phrase matches a word of a reply: exactly, by a stem ({@code swell*}: swelling, swollen),
 * or with a small misspelling (one edit in words of five letters or more, two in words of eight or more, a swap
 * of neighbouring letters in four-letter words). The first letter must agree, so "never" is not a misspelt "fever".
 */
public final class Words {

    private Words() {}

    public static boolean matches(String pattern, String token) {
        if (pattern.endsWith("*")) {
            return stemMatches(pattern.substring(0, pattern.length() - 1), token);
        }
        if (pattern.equals(token)) {
            return true;
        }
        if (token.isEmpty() || pattern.isEmpty() || pattern.charAt(0) != token.charAt(0) || isNumber(pattern)) {
            return false;
        }
        if (pattern.length() == 4) {
            return Spelling.isSwap(pattern, token); // "pian" for "pain", but "find" is not "fine"
        }
        int allowed = pattern.length() >= 8 ? 2 : pattern.length() >= 5 ? 1 : 0;
        return allowed > 0
                && Math.abs(pattern.length() - token.length()) <= allowed
                && Spelling.distance(pattern, token) <= allowed;
    }

    /** The word as written, or any ending of a stem ({@code segur*}); no misspelling. */
    public static boolean matchesExactly(String pattern, String token) {
        return pattern.endsWith("*")
                ? token.startsWith(pattern.substring(0, pattern.length() - 1))
                : pattern.equals(token);
    }

    /** A word ending: "swell*" matches "swelling"; "pain*" matches the misspelt "pian"; "dizzy*" matches "dizy". */
    private static boolean stemMatches(String stem, String token) {
        if (token.startsWith(stem)) {
            return true;
        }
        if (token.isEmpty()
                || stem.isEmpty()
                || stem.charAt(0) != token.charAt(0)
                || token.length() < stem.length() - 1) {
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

    private static boolean isNumber(String word) {
        return !word.isEmpty() && word.chars().allMatch(Character::isDigit);
    }
}
