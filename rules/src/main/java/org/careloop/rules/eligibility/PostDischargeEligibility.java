package org.careloop.rules.eligibility;

import java.util.stream.Collectors;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieRuntimeFactory;
import org.kie.dmn.api.core.DMNContext;
import org.kie.dmn.api.core.DMNDecisionResult;
import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.api.core.DMNResult;
import org.kie.dmn.api.core.DMNRuntime;

/** Evaluates the DMN decision {@code post-discharge-eligibility}. Thread-safe. */
public final class PostDischargeEligibility {

    public static final String NAMESPACE = "https://careloop.org/dmn/post-discharge";
    public static final String MODEL_NAME = "Post-discharge eligibility";
    public static final String DECISION_ID = "post-discharge-eligibility";

    private final DMNRuntime runtime;
    private final DMNModel model;

    public PostDischargeEligibility(KieBase kieBase) {
        this.runtime = KieRuntimeFactory.of(kieBase).get(DMNRuntime.class);
        this.model = runtime.getModel(NAMESPACE, MODEL_NAME);
        if (model == null) {
            throw new IllegalStateException("DMN model '" + MODEL_NAME + "' not found in " + NAMESPACE);
        }
        if (model.hasErrors()) {
            throw new IllegalStateException("DMN model '" + MODEL_NAME + "' has errors: " + model.getMessages());
        }
    }

    public EligibilityDecision decide(DischargeFacts facts) {
        DMNContext context = runtime.newContext();
        context.set("deceased", facts.deceased());
        context.set("age", facts.age());
        context.set("dischargeDisposition", facts.dischargeDisposition());
        context.set("hoursSinceDischarge", facts.hoursSinceDischarge());
        context.set("hasMobile", facts.hasMobile());
        context.set("alreadyEnrolled", facts.alreadyEnrolled());
        DMNResult result = runtime.evaluateById(model, context, DECISION_ID);
        if (result.hasErrors()) {
            throw new IllegalStateException("Eligibility decision failed: "
                    + result.getMessages().stream().map(Object::toString).collect(Collectors.joining("; ")));
        }
        DMNDecisionResult decision = result.getDecisionResultById(DECISION_ID);
        Object value = decision.getResult();
        if (!(value instanceof java.util.Map<?, ?> row)) {
            throw new IllegalStateException("Eligibility decision returned no row for " + facts);
        }
        return new EligibilityDecision(Boolean.TRUE.equals(row.get("eligible")), String.valueOf(row.get("reason")));
    }
}
