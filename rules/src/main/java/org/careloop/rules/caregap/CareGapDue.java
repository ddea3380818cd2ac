package org.careloop.rules.caregap;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.careloop.rules.decisions.LiveDecision;
import org.kie.api.KieBase;

/**
 * Evaluates the DMN decision {@code care-gap-due}: whether a preventive care gap is open for a patient. Thread-safe;
 * replaceable by a deployed version.
 */
public final class CareGapDue extends LiveDecision {

    public static final String NAMESPACE = "https://careloop.org/dmn/care-gap-due";
    public static final String MODEL_NAME = "Care gap due";
    public static final String DECISION_ID = "care-gap-due";
    /** The gaps the decision knows. */
    public static final List<String> GAPS =
            List.of("breast-cancer-screening", "colorectal-screening", "hba1c", "annual-wellness", "influenza-vaccine");

    /**
     * @param monthsSinceLast whole months since the last qualifying care for this gap, or null when there was none
     * @param month the month of the year (1 to 12); the decision says which months are influenza season
     * @param seasonMonths whole months since the influenza season began (1 August)
     */
    public record Facts(
            String gap,
            String sex,
            Integer age,
            boolean diabetic,
            Long monthsSinceLast,
            int month,
            long seasonMonths) {}

    public record Verdict(boolean due, String reason) {}

    public CareGapDue(KieBase kieBase) {
        super(kieBase, NAMESPACE, MODEL_NAME, DECISION_ID);
    }

    public Verdict decide(Facts facts) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("gap", facts.gap());
        inputs.put("sex", facts.sex());
        inputs.put("age", facts.age());
        inputs.put("diabetic", facts.diabetic());
        inputs.put("monthsSinceLast", facts.monthsSinceLast());
        inputs.put("month", facts.month());
        inputs.put("seasonMonths", facts.seasonMonths());
        Map<?, ?> row = evaluate(inputs);
        return new Verdict(Boolean.TRUE.equals(row.get("due")), String.valueOf(row.get("reason")));
    }
}
