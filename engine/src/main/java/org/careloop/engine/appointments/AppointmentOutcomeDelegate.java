package org.careloop.engine.appointments;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.careloop.engine.fhir.FhirRecords;
import org.careloop.processes.ProcessBeans;
import org.careloop.processes.ProcessVariables;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * BPMN: the reminders' end. Records the outcome against the reminder history (which reminders went out, whether the
 * patient confirmed, and what the EHR reported: kept, no-show, cancelled) as a FHIR Communication about the
 * Appointment, and closes the reminder row. Async before: a FHIR failure retries as a job.
 */
@Component(ProcessBeans.APPOINTMENT_RECORD_OUTCOME)
class AppointmentOutcomeDelegate implements JavaDelegate {

    private final JdbcTemplate jdbc;
    private final FhirRecords fhir;
    private final Clock clock;

    AppointmentOutcomeDelegate(@Qualifier("engineJdbc") JdbcTemplate jdbc, FhirRecords fhir, Clock clock) {
        this.jdbc = jdbc;
        this.fhir = fhir;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String appointmentId = (String) execution.getVariable(ProcessVariables.APPOINTMENT_ID);
        // a preparation that started from an order, and no appointment was ever booked for it
        String orderId =
                appointmentId == null ? (String) execution.getVariable(ProcessVariables.SERVICE_REQUEST_ID) : null;
        String key = orderId == null ? appointmentId : Appointments.orderKey(orderId);
        String outcome = (String) execution.getVariable(ProcessVariables.APPOINTMENT_OUTCOME);
        boolean confirmed = Boolean.TRUE.equals(execution.getVariable(ProcessVariables.APPOINTMENT_CONFIRMED));
        List<Timestamp> reminders = jdbc.queryForList(
                "select coalesce(sent_at, created_at) from outbound_message where process_instance_id = ? "
                        + "and template_id in ('appointment-reminder', 'procedure-instructions', 'procedure-preparation') "
                        + "and status in ('SENT', 'DELIVERED', 'UNKNOWN') "
                        + "order by created_at",
                Timestamp.class,
                execution.getProcessInstanceId());
        Instant now = clock.instant();
        String summary = ("no-consent".equals(outcome)
                        ? "Reminders stopped: the patient has not consented to be texted about appointments"
                        : "Appointment " + outcome)
                + "; reminders sent: " + reminders.size()
                + (reminders.isEmpty()
                        ? ""
                        : " ("
                                + String.join(
                                        ", ",
                                        reminders.stream()
                                                .map(t -> t.toInstant().toString())
                                                .toList())
                                + ")")
                + "; confirmed by the patient: " + (confirmed ? "yes" : "no");
        fhir.recordAppointmentOutcome(
                key,
                orderId == null ? "Appointment/" + appointmentId : "ServiceRequest/" + orderId,
                (String) execution.getVariable(ProcessVariables.PATIENT_ID),
                (String) execution.getVariable(ProcessVariables.PROGRAM),
                outcome,
                summary,
                now);
        jdbc.update(
                "update appointment_reminder set outcome = ?, ended_at = ? where appointment_id = ?",
                outcome,
                Timestamp.from(now),
                key);
    }
}
