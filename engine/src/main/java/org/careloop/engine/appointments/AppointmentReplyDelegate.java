package org.careloop.engine.appointments;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.careloop.engine.fhir.PatientDirectory;
import org.careloop.processes.ProcessBeans;
import org.careloop.processes.ProcessVariables;
import org.careloop.rules.appointment.AppointmentAnswer;
import org.careloop.rules.appointment.AppointmentReplies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * BPMN: reads a reply to an appointment reminder with the rules ({@code appointment-reply.drl}), which decide what the
 * reminders do with it: which approved answer the patient gets, whether the FHIR Appointment changes, and whether a
 * person takes it up (a clinical reply goes to the team the triage names; a reschedule or anything unclear to the
 * schedulers). This delegate only hands the rules' answer to the process.
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
        AppointmentAnswer answer = replies.read(
                (String) execution.getVariable(ProcessVariables.REPLY_BODY),
                language,
                Appointments.PRE_PROCEDURE.equals(execution.getVariable(ProcessVariables.PROGRAM)),
                execution.getVariable(ProcessVariables.APPOINTMENT_ID) != null);
        execution.setVariable(
                ProcessVariables.APPOINTMENT_ANSWER, answer.intent().code());
        new org.careloop.engine.handoff.ReplyRoute(
                        answer.acknowledgement(), answer.team(), answer.priority(), answer.reason())
                .applyTo(execution);
        log.info(
                "Reply {} to an appointment reminder read as {}",
                execution.getVariable(ProcessVariables.REPLY_MESSAGE_ID),
                answer.intent());
    }
}
