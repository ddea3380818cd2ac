package org.careloop.rules.chronic;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.careloop.rules.language.Interpretation;
import org.careloop.rules.language.Interpreter;
import org.careloop.rules.language.ReportedValue;

/**
 * Reads the value a check-in asked for out of a reply: "glucose 182", "bp 150/95", "150 over 95", "weight 212 lb",
 * or, since the question named what it asked for, a bare "211.5" or "182". Thread-safe.
 */
public final class Readings {

    private static final Pattern BARE_NUMBER =
            Pattern.compile("^\\s*(\\d{2,3}(?:[.,]\\d{1,2})?)\\s*(lbs?|pounds|kg|mg/?dl)?\\s*[.!]?\\s*$");

    private final Interpreter interpreter = Interpreter.standard();

    /**
     * @param measure what the check-in asked for: glucose, blood-pressure or weight
     * @return the reading, or empty when the reply holds none of that kind
     */
    public Optional<Reading> read(String reply, String measure, String language) {
        if (reply == null || measure == null) {
            return Optional.empty();
        }
        Interpretation interpretation = interpreter.read(reply, language);
        for (ReportedValue value : interpretation.values()) {
            if (value.getKind().equals(measure)) {
                String unit = "weight".equals(measure) && value.getUnit().isEmpty() ? "lb" : value.getUnit();
                return Optional.of(new Reading(measure, value.getValue(), value.getSecond(), unit));
            }
        }
        Matcher bare = BARE_NUMBER.matcher(reply.toLowerCase(java.util.Locale.ROOT));
        if (bare.matches() && !"blood-pressure".equals(measure)) {
            double number = Double.parseDouble(bare.group(1).replace(',', '.'));
            String unit = bare.group(2) == null ? null : bare.group(2).startsWith("k") ? "kg" : "lb";
            if ("weight".equals(measure) && number >= 20 && number <= 700) {
                return Optional.of(new Reading("weight", number, 0, unit == null ? "lb" : unit));
            }
            if ("glucose".equals(measure) && number >= 10 && number <= 1000 && unit == null) {
                return Optional.of(new Reading("glucose", number, 0, "mg/dL"));
            }
        }
        return Optional.empty();
    }
}
