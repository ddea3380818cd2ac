package org.careloop.engine.appointments;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.careloop.engine.fhir.PatientDirectory;
import org.careloop.engine.fhir.PatientSummary;
import org.careloop.engine.outbox.OutboxHandler;
import org.careloop.processes.ProcessVariables;
import org.hl7.fhir.r4.model.Appointment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts, moves and ends an appointment's reminders as the EHR writes the FHIR Appointment: a booked appointment in
 * the future with a patient on it starts them once (the {@code appointment_reminder} row, unique per appointment,
 * commits with the process start); a new start time moves them; a cancellation, a no-show or the patient's arrival
 * ends them, by BPMN message correlation.
 */
@Service
class AppointmentReminders implements OutboxHandler<AppointmentWritten> {

    private static final Logger log = LoggerFactory.getLogger(AppointmentReminders.class);

    private final Appointments appointments;
    private final PatientDirectory patients;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final RuntimeService runtime;
    private final Clock clock;
    private final org.careloop.rules.appointment.AppointmentProgram programs;
    private final org.careloop.engine.handoff.OpenHandoffs openHandoffs;

    AppointmentReminders(
            org.careloop.engine.handoff.OpenHandoffs openHandoffs,
            org.careloop.rules.appointment.AppointmentProgram programs,
            Appointments appointments,
            PatientDirectory patients,
            @Qualifier("engineJdbc") JdbcTemplate jdbc,
            @Qualifier("engineTransactions") TransactionTemplate transactions,
            RuntimeService runtime,
            Clock clock) {
        this.programs = programs;
        this.openHandoffs = openHandoffs;
        this.appointments = appointments;
        this.patients = patients;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.runtime = runtime;
        this.clock = clock;
    }

    @Override
    public Class<AppointmentWritten> eventType() {
        return AppointmentWritten.class;
    }

    @Override
    public void handle(AppointmentWritten event) {
        String appointmentId = event.appointmentId();
        List<Map<String, Object>> rows = jdbc.queryForList(
                "select process_instance_id, start_time, ended_at from appointment_reminder where appointment_id = ?",
                appointmentId);
        Appointment appointment = appointments.find(appointmentId).orElse(null);
        if (rows.isEmpty()) {
            if (appointment != null) {
                start(appointment);
            }
            return;
        }
        Map<String, Object> row = rows.get(0);
        if (row.get("ended_at") != null) {
            return;
        }
        String processInstanceId = (String) row.get("process_instance_id");
        if (appointment == null) {
            end(processInstanceId, "AppointmentCancelled", "The appointment was deleted in the EHR");
            return;
        }
        switch (appointment.getStatus()) {
            case CANCELLED, ENTEREDINERROR ->
                end(processInstanceId, "AppointmentCancelled", "The appointment was cancelled");
            case NOSHOW -> end(processInstanceId, "AppointmentNoShow", "The patient did not come to the appointment");
            case ARRIVED, CHECKEDIN, FULFILLED ->
                end(processInstanceId, "AppointmentKept", "The patient came to the appointment");
            default -> {
                Instant was = ((Timestamp) row.get("start_time")).toInstant();
                if (appointment.hasStart()
                        && !appointment.getStart().toInstant().equals(was)) {
                    Instant now = appointment.getStart().toInstant();
                    transactions.executeWithoutResult(tx -> {
                        jdbc.update(
                                "update appointment_reminder set start_time = ? where appointment_id = ?",
                                Timestamp.from(now),
                                appointmentId);
                        // a confirmation was for the old time
                        correlate(
                                processInstanceId,
                                "AppointmentRescheduled",
                                Map.of(
                                        ProcessVariables.APPOINTMENT_START,
                                        now.toString(),
                                        ProcessVariables.APPOINTMENT_CONFIRMED,
                                        false));
                    });
                    log.info("Reminders of appointment {} moved to its new time", appointmentId);
                }
            }
        }
    }

    private void start(Appointment appointment) {
        String appointmentId = appointment.getIdElement().getIdPart();
        String patientId = Appointments.patientOf(appointment);
        Instant now = clock.instant();
        var patient = patientId == null ? java.util.Optional.<PatientSummary>empty() : patients.find(patientId);
        if (!appointment.hasStart() || patient.isEmpty()) {
            return;
        }
        Instant start = appointment.getStart().toInstant();
        var choice = programs.decide(new org.careloop.rules.appointment.AppointmentProgram.Facts(
                appointment.getStatus() == Appointment.AppointmentStatus.BOOKED,
                java.time.Duration.between(now, start).toHours(),
                Appointments.forAProcedure(appointment),
                patient.get().mobile() != null));
        if (!choice.starts()) {
            log.info("Appointment {}: no program", appointmentId);
            return;
        }
        String program = choice.program();
        transactions.executeWithoutResult(tx -> {
            try {
                jdbc.update(
                        "insert into appointment_reminder (appointment_id, patient_id, start_time, created_at, program) "
                                + "values (?, ?, ?, ?, ?)",
                        appointmentId,
                        patientId,
                        Timestamp.from(start),
                        Timestamp.from(now),
                        program);
            } catch (DuplicateKeyException raced) {
                tx.setRollbackOnly();
                return;
            }
            String processInstanceId = runtime.startProcessInstanceByKey(
                            "program-" + program,
                            program + ":" + appointmentId,
                            Variables.createVariables()
                                    .putValue(ProcessVariables.PATIENT_ID, patientId)
                                    .putValue(ProcessVariables.APPOINTMENT_ID, appointmentId)
                                    .putValue(ProcessVariables.APPOINTMENT_START, start.toString())
                                    .putValue(ProcessVariables.APPOINTMENT_CONFIRMED, false)
                                    .putValue(ProcessVariables.PROGRAM, program))
                    .getId();
            jdbc.update(
                    "update appointment_reminder set process_instance_id = ? where appointment_id = ?",
                    processInstanceId,
                    appointmentId);
        });
        log.info("Appointment {}: {} started", appointmentId, program);
    }

    /**
     * Ends the reminders with the EHR's news, when something waits for it; a follow-up a person still holds moves to
     * a handoff of its own first, in the same transaction.
     */
    private void end(String processInstanceId, String message, String why) {
        if (processInstanceId == null) {
            return;
        }
        transactions.executeWithoutResult(tx -> {
            if (runtime.createEventSubscriptionQuery()
                            .processInstanceId(processInstanceId)
                            .eventType("message")
                            .eventName(message)
                            .count()
                    == 0) {
                return;
            }
            openHandoffs.carryOver(processInstanceId, why);
            correlate(processInstanceId, message, Map.of());
        });
    }

    private void correlate(String processInstanceId, String message, Map<String, Object> variables) {
        if (processInstanceId == null) {
            return;
        }
        // nothing waits for the message once the reminders are past that point: then it changes nothing
        runtime.createMessageCorrelation(message)
                .processInstanceId(processInstanceId)
                .setVariables(variables)
                .correlateAll();
    }
}
