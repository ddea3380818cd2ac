package org.careloop.rules.triage;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Splits a patient's reply into clauses, the unit within which the triage rules look for phrases
 * and within which a negation ("no", "not", "denies", "… anymore") applies.
 */
public final class ReplyText {

    /** Punctuation and conjunctions that end the scope of a negation. */
    private static final Pattern CLAUSE_BREAK = Pattern.compile("[.,;:!?\\n\\r]+|\\b(?:but|however|although|though|yet|and|except)\\b");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}']+");
    private static final Set<String> STOP_WORDS = Set.of("stop", "stopall", "unsubscribe", "cancel", "end", "quit",
            "optout", "opt out", "revoke");

    private final String normalized;
    private final List<Clause> clauses;

    private ReplyText(String normalized, List<Clause> clauses) {
        this.normalized = normalized;
        this.clauses = clauses;
    }

    public static ReplyText of(String raw) {
        String text = raw == null ? "" : Normalizer.normalize(raw, Normalizer.Form.NFKC)
                .replace('\u2019', '\'').replace('\u2018', '\'').toLowerCase(Locale.ROOT).trim();
        List<Clause> clauses = new ArrayList<>();
        int index = 0;
        for (String part : CLAUSE_BREAK.split(text)) {
            List<String> tokens = Arrays.stream(NON_WORD.split(part))
                    .map(t -> t.replace("'", ""))
                    .filter(t -> !t.isBlank())
                    .toList();
            if (!tokens.isEmpty()) {
                clauses.add(new Clause(index++, tokens));
            }
        }
        return new ReplyText(text, List.copyOf(clauses));
    }

    public List<Clause> clauses() {
        return clauses;
    }

    public boolean isEmpty() {
        return clauses.isEmpty();
    }

    /** True when the whole message is a question (ends with a question mark). */
    public boolean isQuestion() {
        return normalized.endsWith("?");
    }

    /** True when the whole message is one of the carrier-standard opt-out keywords (STOP, UNSUBSCRIBE, …). */
    public boolean isOptOutKeyword() {
        String bare = normalized.replaceAll("[^a-z ]", "").trim();
        return STOP_WORDS.contains(bare);
    }
}
