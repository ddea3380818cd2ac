package org.careloop.engine.appointments;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.careloop.engine.fhir.PatientDirectory;
import org.careloop.processes.ProcessBeans;
import org.careloop.processes.ProcessVariables;
import org.careloop.rules.appointment.AppointmentAnswer;
import org.careloop.rules.appointment.AppointmentReplies;
import org.careloop.rules.triage.HandoffPriority;
import org.careloop.rules.triage.Team;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * BPMN: reads a reply to an appointment reminder with the rules and says what the reminders do with it: which
 * approved answer the patient gets, whether the FHIR Appointment changes, and whether a person takes it up (a
 * clinical reply goes to the team the triage names; a reschedule or anything unclear to the schedulers).
 */
@Component(ProcessBeans.APPOINTMENT_REPLY)
class AppointmentReplyDelegate implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(AppointmentReplyDelegate.class);

    private final AppointmentReplies replies;
    private final PatientDirectory patients;

    AppointmentReplyDelegate(AppointmentReplies replies, PatientDirectory patients) {
        this.replies = replies;
        this.patients = patients;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String language = patients.language((String) execution.getVariable(ProcessVariables.PATIENT_ID));
        AppointmentAnswer answer = replies.read((String) execution.getVariable(ProcessVariables.REPLY_BODY), language);
        String ack;
        String team = null;
        int priority = 0;
        switch (answer.intent()) {
            case CLINICAL -> {
                ack = answer.triage().acknowledgement();
                team = answer.triage().team();
                priority = answer.triage().priority();
            }
            case OPT_OUT -> ack = "opt-out-confirmation";
            case CANCEL -> ack = "appointment-cancelled";
            case CONFIRM ->
                ack = Appointments.PRE_PROCEDURE.equals(execution.getVariable(ProcessVariables.PROGRAM))
                        ? "procedure-confirmed"
                        : "appointment-confirmed";
            case RESCHEDULE -> {
                ack = "appointment-reschedule";
                team = Team.SCHEDULER.group();
                priority = HandoffPriority.ROUTINE;
            }
            default -> {
                ack = "ack-routine";
                team = Team.SCHEDULER.group();
                priority = HandoffPriority.ROUTINE;
            }
        }
        execution.setVariable(
                ProcessVariables.APPOINTMENT_ANSWER, answer.intent().code());
        new org.careloop.engine.handoff.ReplyRoute(ack, team, priority, answer.reason()).applyTo(execution);
        log.info(
                "Reply {} to an appointment reminder read as {}",
                execution.getVariable(ProcessVariables.REPLY_MESSAGE_ID),
                answer.intent());
    }
}
