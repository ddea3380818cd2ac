package org.careloop.rules.chronic;

import java.util.HashMap;
import java.util.Map;
import org.careloop.rules.decisions.LiveDecision;
import org.kie.api.KieBase;

/**
 * Evaluates the DMN decision {@code chronic-enrolment}: whether an active chronic condition enrols its patient in
 * check-ins, what to ask for and how often. Thread-safe; replaceable by a deployed version.
 */
public final class ChronicEnrolment extends LiveDecision {

    public static final String NAMESPACE = "https://careloop.org/dmn/chronic-enrolment";
    public static final String MODEL_NAME = "Chronic check-in enrolment";
    public static final String DECISION_ID = "chronic-enrolment";

    /**
     * @param condition the condition's category: diabetes, hypertension, heart-failure, copd (or another word)
     * @param uncontrolled the condition is recorded as severe or uncontrolled
     * @param callable     the patient has a phone CareLoop may call, and automated calls are on
     */
    public record Facts(String condition, boolean uncontrolled, boolean deceased, boolean hasMobile, boolean callable) {

        /** Facts for a node that places no calls. */
        public Facts(String condition, boolean uncontrolled, boolean deceased, boolean hasMobile) {
            this(condition, uncontrolled, deceased, hasMobile, false);
        }
    }

    /**
     * @param measure what each check-in asks for: glucose, blood-pressure, weight, or symptoms
     * @param cadence how often, as an ISO-8601 duration
     */
    public record Decision(boolean enrol, String measure, String cadence, String reason) {}

    public ChronicEnrolment(KieBase kieBase) {
        super(kieBase, NAMESPACE, MODEL_NAME, DECISION_ID);
    }

    public Decision decide(Facts facts) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("condition", facts.condition());
        inputs.put("uncontrolled", facts.uncontrolled());
        inputs.put("deceased", facts.deceased());
        inputs.put("hasMobile", facts.hasMobile());
        inputs.put("callable", facts.callable());
        Map<?, ?> row = evaluate(inputs);
        return new Decision(
                Boolean.TRUE.equals(row.get("enrol")),
                String.valueOf(row.get("measure")),
                String.valueOf(row.get("cadence")),
                String.valueOf(row.get("reason")));
    }
}
