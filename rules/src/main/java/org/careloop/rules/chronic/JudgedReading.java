package org.careloop.rules.chronic;

/**
 * A value the patient reported, as the thresholds judged it: a fact for {@code checkin-reply.drl}.
 *
 * @param rank      3 at an emergency threshold, 2 past an alert threshold, 0 within range
 * @param reason    the threshold's words, for the care team
 * @param described the value as the patient reported it, with its unit (e.g. {@code 182 mg/dL})
 */
public record JudgedReading(int rank, String reason, String described) {

    /** Ranks a thresholds verdict: an emergency 3, any other alert 2, none 0. */
    public static JudgedReading of(ReadingThresholds.Verdict verdict, String described) {
        int rank = "emergency".equals(verdict.severity()) ? 3 : verdict.alert() ? 2 : 0;
        return new JudgedReading(rank, verdict.reason(), described);
    }

    public int getRank() {
        return rank;
    }
}
