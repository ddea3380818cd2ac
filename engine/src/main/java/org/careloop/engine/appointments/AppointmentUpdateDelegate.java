package org.careloop.engine.appointments;

import java.time.Clock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.careloop.processes.ProcessBeans;
import org.careloop.processes.ProcessVariables;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.springframework.stereotype.Component;

/**
 * BPMN: writes a patient's answer to the FHIR Appointment, as the EHR's scheduling reads it: confirm marks the
 * patient's participation accepted; reschedule marks it declined (the slot stays booked until a scheduler moves
 * it); cancel cancels the appointment with the reason "patient". Runs after an async continuation: a failed write
 * retries as a job.
 */
@Component(ProcessBeans.APPOINTMENT_UPDATE)
class AppointmentUpdateDelegate implements JavaDelegate {

    private final Appointments appointments;
    private final Clock clock;

    AppointmentUpdateDelegate(Appointments appointments, Clock clock) {
        this.appointments = appointments;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String action = (String) execution.getVariable(ProcessVariables.APPOINTMENT_ACTION);
        String appointmentId = (String) execution.getVariable(ProcessVariables.APPOINTMENT_ID);
        if (appointmentId == null) {
            answerOnTheOrder(execution, action);
            return;
        }
        Appointment appointment = appointments
                .find(appointmentId)
                .orElseThrow(() -> new IllegalStateException("Appointment " + appointmentId + " is gone"));
        var patient = Appointments.patientParticipant(appointment)
                .orElseThrow(() -> new IllegalStateException("Appointment " + appointmentId + " has no patient"));
        String said = "Patient replied to a reminder by SMS on " + clock.instant() + ": ";
        switch (action) {
            case "confirm" -> {
                patient.setStatus(Appointment.ParticipationStatus.ACCEPTED);
                execution.setVariable(ProcessVariables.APPOINTMENT_CONFIRMED, true);
                appendComment(appointment, said + "confirmed");
            }
            case "reschedule" -> {
                patient.setStatus(Appointment.ParticipationStatus.DECLINED);
                appendComment(appointment, said + "asked to reschedule");
            }
            case "cancel" -> {
                patient.setStatus(Appointment.ParticipationStatus.DECLINED);
                appointment.setStatus(Appointment.AppointmentStatus.CANCELLED);
                appointment.setCancelationReason(
                        new CodeableConcept(new Coding(Appointments.CANCELLATION_REASONS, "pat", "Patient")));
                appendComment(appointment, said + "cancelled");
            }
            default -> throw new IllegalArgumentException("Unknown appointment action '" + action + "'");
        }
        appointments.update(appointment);
    }

    /**
     * Nothing is booked yet, only ordered: the answer is noted on the order for the schedulers who book it (a
     * reschedule or a cancellation also reaches them as a task, by the reply rules), and a confirmation counts.
     */
    private void answerOnTheOrder(DelegateExecution execution, String action) {
        String said = "Patient replied to the preparation messages by SMS: ";
        String note = switch (action) {
            case "confirm" -> {
                execution.setVariable(ProcessVariables.APPOINTMENT_CONFIRMED, true);
                yield said + "consent form signed and ride home arranged";
            }
            case "reschedule" -> said + "asks for another date";
            case "cancel" -> said + "asks to cancel the procedure";
            default -> throw new IllegalArgumentException("Unknown appointment action '" + action + "'");
        };
        appointments.noteOnOrder(
                (String) execution.getVariable(ProcessVariables.SERVICE_REQUEST_ID), note, clock.instant());
    }

    private static void appendComment(Appointment appointment, String line) {
        appointment.setComment(appointment.hasComment() ? appointment.getComment() + "\n" + line : line);
    }
}
