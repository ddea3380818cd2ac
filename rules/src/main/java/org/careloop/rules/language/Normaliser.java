package org.careloop.rules.language;

import java.text.Normalizer;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Puts a reply in the form the lexicon is written in: emoji as words, lower case, no accents, no apostrophes
 * ("Can't" → "cant", "está" → "esta"). Digits, decimal points and slashes stay, for the values in a reply.
 */
final class Normaliser {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern APOSTROPHE = Pattern.compile("(?<=\\p{L})['\u2019\u2018`](?=\\p{L})|['\u2019\u2018`]");

    private final List<Map.Entry<String, String>> emoji;

    Normaliser(Map<String, String> emoji) {
        this.emoji = emoji.entrySet().stream()
                .sorted(Comparator.comparingInt(
                                (Map.Entry<String, String> e) -> e.getKey().length())
                        .reversed())
                .toList();
    }

    String normalise(String raw) {
        String text = raw == null ? "" : Normalizer.normalize(raw, Normalizer.Form.NFKC);
        for (Map.Entry<String, String> e : emoji) {
            if (text.contains(e.getKey())) {
                text = text.replace(e.getKey(), " " + e.getValue() + " ");
            }
        }
        return APOSTROPHE.matcher(foldCase(text)).replaceAll("").trim();
    }

    /** Lower case without accents: how every phrase and every reply is compared. */
    static String foldCase(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        return MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
    }
}
