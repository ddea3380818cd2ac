package org.careloop.rules.appointment;

import java.util.Map;
import org.careloop.rules.decisions.LiveDecision;
import org.kie.api.KieBase;

/**
 * Evaluates the DMN decision {@code appointment-program}: which program a booked appointment starts (reminders for
 * a visit, preparation for a procedure) or none, and why. Thread-safe.
 */
public final class AppointmentProgram extends LiveDecision {

    public static final String NAMESPACE = "https://careloop.org/dmn/appointment-program";
    public static final String MODEL_NAME = "Appointment program";
    public static final String DECISION_ID = "appointment-program";
    /** The decision's answer when no program starts. */
    public static final String NONE = "none";

    /** The facts the decision reads. */
    /**
     * @param reachable the patient can get a reminder: a mobile to text, an email address (when email is on) or a
     *                  phone to call (when voice is on)
     */
    public record Facts(boolean booked, long hoursAhead, boolean procedure, boolean reachable) {}

    /** The program to start ({@link #NONE} for none), and why. */
    public record Choice(String program, String reason) {
        public boolean starts() {
            return !NONE.equals(program);
        }
    }

    public AppointmentProgram(KieBase kieBase) {
        super(kieBase, NAMESPACE, MODEL_NAME, DECISION_ID);
    }

    public Choice decide(Facts facts) {
        Map<?, ?> row = evaluate(Map.of(
                "booked", facts.booked(),
                "hoursAhead", facts.hoursAhead(),
                "procedure", facts.procedure(),
                "reachable", facts.reachable()));
        return new Choice(String.valueOf(row.get("program")), String.valueOf(row.get("reason")));
    }
}
