package org.careloop.rules.chronic;

import java.util.HashMap;
import java.util.Map;
import org.careloop.rules.decisions.LiveDecision;
import org.kie.api.KieBase;

/**
 * Evaluates the DMN decision {@code reading-thresholds}: whether a reading (reported by the patient or by a device)
 * crosses a threshold, and how urgently. Weight is judged against the patient's own recent readings. Thread-safe;
 * replaceable by a deployed version.
 */
public final class ReadingThresholds extends LiveDecision {

    public static final String NAMESPACE = "https://careloop.org/dmn/reading-thresholds";
    public static final String MODEL_NAME = "Reading thresholds";
    public static final String DECISION_ID = "reading-thresholds";

    /** @param severity none, urgent or emergency */
    public record Verdict(String severity, String reason) {
        public boolean alert() {
            return !"none".equals(severity);
        }
    }

    public ReadingThresholds(KieBase kieBase) {
        super(kieBase, NAMESPACE, MODEL_NAME, DECISION_ID);
    }

    /**
     * @param gainDay pounds gained since about a day before, or null without such a reading
     * @param gainWeek pounds gained since the earliest reading of the past week, or null without one
     */
    public Verdict judge(Reading reading, Double gainDay, Double gainWeek) {
        return judge(reading, gainDay, gainWeek, null);
    }

    /**
     * @param department the patient's department: rows an analyst wrote for it come before the general ones, which
     *                   hold for every department ({@code -})
     */
    public Verdict judge(Reading reading, Double gainDay, Double gainWeek, String department) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("department", department);
        inputs.put("measure", reading.kind());
        inputs.put("value", reading.kind().equals("weight") ? reading.pounds() : reading.value());
        inputs.put("second", reading.second());
        inputs.put("gainDay", gainDay);
        inputs.put("gainWeek", gainWeek);
        Map<?, ?> row = evaluate(inputs);
        return new Verdict(String.valueOf(row.get("severity")), String.valueOf(row.get("reason")));
    }
}
