package org.careloop.rules.appointment;

import java.util.stream.Collectors;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieRuntimeFactory;
import org.kie.dmn.api.core.DMNContext;
import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.api.core.DMNResult;
import org.kie.dmn.api.core.DMNRuntime;

/**
 * Evaluates the DMN decision {@code appointment-program}: which program a booked appointment starts (reminders for
 * a visit, preparation for a procedure) or none, and why. Thread-safe.
 */
public final class AppointmentProgram {

    public static final String NAMESPACE = "https://careloop.org/dmn/appointment-program";
    public static final String MODEL_NAME = "Appointment program";
    public static final String DECISION_ID = "appointment-program";
    /** The decision's answer when no program starts. */
    public static final String NONE = "none";

    /** The facts the decision reads. */
    public record Facts(boolean booked, long hoursAhead, boolean procedure, boolean hasMobile) {}

    /** The program to start ({@link #NONE} for none), and why. */
    public record Choice(String program, String reason) {
        public boolean starts() {
            return !NONE.equals(program);
        }
    }

    private final DMNRuntime runtime;
    private final DMNModel model;

    public AppointmentProgram(KieBase kieBase) {
        this.runtime = KieRuntimeFactory.of(kieBase).get(DMNRuntime.class);
        this.model = runtime.getModel(NAMESPACE, MODEL_NAME);
        if (model == null || model.hasErrors()) {
            throw new IllegalStateException("DMN model '" + MODEL_NAME + "' missing or invalid"
                    + (model == null ? "" : ": " + model.getMessages()));
        }
    }

    public Choice decide(Facts facts) {
        DMNContext context = runtime.newContext();
        context.set("booked", facts.booked());
        context.set("hoursAhead", facts.hoursAhead());
        context.set("procedure", facts.procedure());
        context.set("hasMobile", facts.hasMobile());
        DMNResult result = runtime.evaluateById(model, context, DECISION_ID);
        if (result.hasErrors()) {
            throw new IllegalStateException("Appointment program decision failed: "
                    + result.getMessages().stream().map(Object::toString).collect(Collectors.joining("; ")));
        }
        if (!(result.getDecisionResultById(DECISION_ID).getResult() instanceof java.util.Map<?, ?> row)) {
            throw new IllegalStateException("Appointment program decision returned no row for " + facts);
        }
        return new Choice(String.valueOf(row.get("program")), String.valueOf(row.get("reason")));
    }
}
