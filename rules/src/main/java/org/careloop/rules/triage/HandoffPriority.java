package org.careloop.rules.triage;

/**
 * The one scale of handoff priority (Camunda task priority, 0–100), used by the triage rules, the BPMN models, the
 * care team's board and the FHIR Task mirror alike.
 */
public final class HandoffPriority {

    /** Crisis or emergency: read at once. */
    public static final int EMERGENCY = 100;
    /** A red flag: a nurse calls soon. */
    public static final int URGENT = 80;
    /** No reply to a check-in and its reminder: the nurse calls (set in the BPMN models). */
    public static final int NO_REPLY_CALL = 60;
    /** A question or a request for a person. */
    public static final int ROUTINE = 50;

    private HandoffPriority() {}

    /** How urgent a priority is, by the same thresholds everywhere: 90 and up emergency, 60 and up urgent. */
    public static Severity urgency(int priority) {
        return priority >= 90 ? Severity.EMERGENCY : priority >= NO_REPLY_CALL ? Severity.URGENT : Severity.ROUTINE;
    }
}
