package org.careloop.processes;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The contract between the care programs' models and the code: every process variable a model or the engine reads
 * or writes, by one name. A model that uses a name not declared here fails the model contract test.
 */
public final class ProcessVariables {

    private ProcessVariables() {}

    // who and what the program is about (set at enrolment)
    public static final String PATIENT_ID = "patientId";
    public static final String ENCOUNTER_ID = "encounterId";
    public static final String ENROLMENT_ID = "enrolmentId";
    public static final String PROGRAM = "program";
    public static final String DISCHARGE_TIME = "dischargeTime";
    /**
     * The patient as a person in operations would name them, no more than minimum necessary: the first given name and
     * the family name's initial ("Maria G."). Set by the engine when an instance starts, for Cockpit; sealed at rest
     * and readable only with the permission to read variables. Never used to find a patient.
     */
    public static final String PATIENT_DISPLAY_NAME = "patientDisplayName";

    // an appointment and its reminders (set when the reminders start; the start moves when the EHR reschedules)
    public static final String APPOINTMENT_ID = "appointmentId";
    /**
     * The order (FHIR ServiceRequest) a procedure's preparation follows; set when the program started from the order,
     * before any Appointment was booked for it (then {@link #APPOINTMENT_ID} is unset until one is).
     */
    public static final String SERVICE_REQUEST_ID = "serviceRequestId";
    /** ISO-8601 instant of the appointment's start. */
    public static final String APPOINTMENT_START = "appointmentStart";

    public static final String APPOINTMENT_CONFIRMED = "appointmentConfirmed";
    /** An {@code AppointmentIntent} code: what a reply to a reminder asks for. */
    public static final String APPOINTMENT_ANSWER = "appointmentAnswer";
    /** What to write to the FHIR Appointment: confirm, reschedule, cancel (local to the updating task). */
    public static final String APPOINTMENT_ACTION = "appointmentAction";
    /** An {@link AppointmentOutcome} code. */
    public static final String APPOINTMENT_OUTCOME = "appointmentOutcome";

    // a chronic-disease check-in (one process instance per cycle)
    /** What each check-in asks for: glucose, blood-pressure, weight, or symptoms. */
    public static final String MEASURE = "measure";
    /** How often, as an ISO-8601 duration. */
    public static final String CADENCE = "cadence";
    /** When this cycle's check-in is due (ISO-8601 instant). */
    public static final String CYCLE_DUE = "cycleDue";

    public static final String ASK_TEMPLATE = "askTemplate";
    public static final String MISSED_IN_ROW = "missedInRow";

    // a preventive care gap
    /** The gap: breast-cancer-screening, colorectal-screening, hba1c, annual-wellness, influenza-vaccine. */
    public static final String CARE_GAP = "careGap";

    public static final String INVITE_TEMPLATE = "inviteTemplate";

    // a check-in conversation (inputs from the calling program, outputs back to it)
    public static final String CHECK_IN_TEMPLATE = "checkInTemplate";
    public static final String REMINDER_TEMPLATE = "reminderTemplate";
    public static final String REPLY_TIMEOUT = "replyTimeout";
    /** A {@link CheckInOutcome} code. */
    public static final String CHECK_IN_OUTCOME = "checkInOutcome";

    public static final String FIRST_CHECK_IN_OUTCOME = "firstCheckInOutcome";
    public static final String SECOND_CHECK_IN_OUTCOME = "secondCheckInOutcome";
    public static final String PROGRAM_OUTCOME = "programOutcome";

    // a message to send (local to the sending task)
    public static final String TEMPLATE_ID = "templateId";
    public static final String OUTREACH_RESULT = "outreachResult";

    // a patient's reply and its triage
    public static final String REPLY_BODY = "replyBody";
    public static final String REPLY_MESSAGE_ID = "replyMessageId";
    public static final String CLARIFICATIONS_ASKED = "clarificationsAsked";
    /** A triage action code: urgent, routine, continue, opt-out, clarify. */
    public static final String TRIAGE_ACTION = "triageAction";

    public static final String TRIAGE_SEVERITY = "triageSeverity";
    public static final String ACK_TEMPLATE = "ackTemplate";

    // the handoff to a person
    /** A team's group id (the rules' {@code Team}). */
    /**
     * Input parameter of a "Send message" step: the channel tried first ({@code sms}, {@code email}, {@code voice}), or
     * {@code preferred} for the patient's own order.
     */
    public static final String CHANNEL = "channel";
    /**
     * Input parameter of a "Send message" step: the purpose whose consent the message needs ({@code care},
     * {@code appointment}, {@code billing}, {@code marketing}), or {@code program} for the program's own.
     */
    public static final String PURPOSE = "purpose";

    /** Input parameter of a "Decide" step: the id of the DMN decision it takes. */
    public static final String DECISION = "decision";

    public static final String HANDOFF_TEAM = "handoffTeam";
    /** On the rules' {@code HandoffPriority} scale. */
    public static final String HANDOFF_PRIORITY = "handoffPriority";

    public static final String HANDOFF_REASON = "handoffReason";
    public static final String HANDOFF_OUTCOME = "handoffOutcome";
    public static final String HANDOFF_NOTE = "handoffNote";
    public static final String HANDOFF_COMPLETED_BY = "handoffCompletedBy";

    /** Every declared name. */
    public static Set<String> all() {
        return Arrays.stream(ProcessVariables.class.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(ProcessVariables::value)
                .collect(Collectors.toUnmodifiableSet());
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
