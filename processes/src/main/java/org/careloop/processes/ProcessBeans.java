package org.careloop.processes;

import java.util.Set;

/**
 * The engine's beans that models may name in expressions. The engine exposes exactly these to expressions; a model
 * that names another fails the model contract test, and an engine without one of these fails its own.
 */
public final class ProcessBeans {

    private ProcessBeans() {}

    public static final String SEND_MESSAGE = "sendMessageDelegate";
    public static final String TRIAGE_REPLY = "triageReplyDelegate";
    public static final String RECORD_OUTCOME = "recordOutcomeDelegate";
    public static final String HANDOFF_TASK_LISTENER = "handoffTaskListener";
    public static final String APPOINTMENT_REPLY = "appointmentReplyDelegate";
    public static final String APPOINTMENT_UPDATE = "appointmentUpdateDelegate";
    public static final String APPOINTMENT_RECORD_OUTCOME = "appointmentOutcomeDelegate";
    public static final String CHRONIC_READING = "chronicReadingDelegate";
    public static final String CHRONIC_MISSED = "chronicMissedDelegate";
    public static final String CHRONIC_NEXT_CYCLE = "chronicNextCycleDelegate";
    public static final String CHRONIC_END = "chronicEndDelegate";
    public static final String CARE_GAP_REPLY = "careGapReplyDelegate";
    public static final String CARE_GAP_OUTCOME = "careGapOutcomeDelegate";
    /**
     * Takes a DMN decision named by the step's input parameter {@code decision} with the process variables as its
     * inputs, and sets each output of the matched rule as a process variable (the element template "CareLoop: Decide").
     */
    public static final String DECIDE = "decideDelegate";
    /**
     * Timer arithmetic: {@code schedule.after(start, 'P7D')}, {@code schedule.before(start, 'PT72H')}, and
     * {@code schedule.moreThanAhead(start, 'PT30H')}, {@code schedule.at(cycleDue)}.
     */
    public static final String SCHEDULE = "schedule";

    public static Set<String> all() {
        return Set.of(
                SEND_MESSAGE,
                TRIAGE_REPLY,
                RECORD_OUTCOME,
                HANDOFF_TASK_LISTENER,
                SCHEDULE,
                APPOINTMENT_REPLY,
                APPOINTMENT_UPDATE,
                APPOINTMENT_RECORD_OUTCOME,
                CHRONIC_READING,
                CHRONIC_MISSED,
                CHRONIC_NEXT_CYCLE,
                CHRONIC_END,
                CARE_GAP_REPLY,
                CARE_GAP_OUTCOME,
                DECIDE);
    }

    /** Names the engine itself provides to expressions. */
    public static Set<String> engineNames() {
        return Set.of("execution", "task");
    }
}
