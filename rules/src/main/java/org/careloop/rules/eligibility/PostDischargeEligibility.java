package org.careloop.rules.eligibility;

import java.util.HashMap;
import java.util.Map;
import org.careloop.rules.decisions.LiveDecision;
import org.kie.api.KieBase;

/** Evaluates the DMN decision {@code post-discharge-eligibility}. Thread-safe; replaceable by a deployed version. */
public final class PostDischargeEligibility extends LiveDecision {

    public static final String NAMESPACE = "https://careloop.org/dmn/post-discharge";
    public static final String MODEL_NAME = "Post-discharge eligibility";
    public static final String DECISION_ID = "post-discharge-eligibility";

    public PostDischargeEligibility(KieBase kieBase) {
        super(kieBase, NAMESPACE, MODEL_NAME, DECISION_ID);
    }

    public EligibilityDecision decide(DischargeFacts facts) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("deceased", facts.deceased());
        inputs.put("age", facts.age());
        inputs.put("dischargeDisposition", facts.dischargeDisposition());
        inputs.put("hoursSinceDischarge", facts.hoursSinceDischarge());
        inputs.put("hasMobile", facts.hasMobile());
        inputs.put("callable", facts.callable());
        inputs.put("alreadyEnrolled", facts.alreadyEnrolled());
        Map<?, ?> row = evaluate(inputs);
        return new EligibilityDecision(Boolean.TRUE.equals(row.get("eligible")), String.valueOf(row.get("reason")));
    }
}
