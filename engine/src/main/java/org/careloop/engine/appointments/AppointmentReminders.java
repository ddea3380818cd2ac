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
 * ends them, by BPMN message correlation. A procedure's preparation may also start from its order
 * ({@link ProcedureOrders}); the appointment booked for that order then takes it over instead of starting another.
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

    private final org.careloop.engine.config.EmailProperties email;
    private final org.careloop.engine.config.VoiceProperties voice;

    AppointmentReminders(
            org.careloop.engine.config.EmailProperties email,
            org.careloop.engine.config.VoiceProperties voice,
            org.careloop.engine.handoff.OpenHandoffs openHandoffs,
            org.careloop.rules.appointment.AppointmentProgram programs,
            Appointments appointments,
            PatientDirectory patients,
            @Qualifier("engineJdbc") JdbcTemplate jdbc,
            @Qualifier("engineTransactions") TransactionTemplate transactions,
            RuntimeService runtime,
            Clock clock) {
        this.email = email;
        this.voice = voice;
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
                String order = Appointments.orderOf(appointment);
                if (order != null && adopt(order, appointmentId)) {
                    // the preparation that started from the order now follows this appointment: its time, its status
                    handle(event);
                    return;
                }
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
                if (appointment.hasStart()) {
                    move(
                            appointmentId,
                            processInstanceId,
                            (Timestamp) row.get("start_time"),
                            appointment.getStart().toInstant());
                }
            }
        }
    }

    /** Moves the reminders of a row to a new start time, when it changed: they are sent again for the new time. */
    void move(String key, String processInstanceId, Timestamp was, Instant now) {
        if (now.equals(was.toInstant())) {
            return;
        }
        transactions.executeWithoutResult(tx -> {
            jdbc.update(
                    "update appointment_reminder set start_time = ? where appointment_id = ?",
                    Timestamp.from(now),
                    key);
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
        log.info("Reminders of {} moved to the new time", key);
    }

    /**
     * Hands a preparation that started from an order over to the appointment booked for it: the row takes the
     * appointment's id and the process its {@code appointmentId}, in one transaction.
     *
     * @return false when no preparation runs from that order
     */
    private boolean adopt(String orderId, String appointmentId) {
        String key = Appointments.orderKey(orderId);
        List<String> running = jdbc.queryForList(
                "select process_instance_id from appointment_reminder where appointment_id = ? and ended_at is null",
                String.class,
                key);
        if (running.isEmpty()) {
            return false;
        }
        transactions.executeWithoutResult(tx -> {
            jdbc.update(
                    "update appointment_reminder set appointment_id = ? where appointment_id = ?", appointmentId, key);
            if (running.get(0) != null) {
                runtime.setVariable(running.get(0), ProcessVariables.APPOINTMENT_ID, appointmentId);
            }
        });
        log.info("Appointment {} takes over the preparation started from its order", appointmentId);
        return true;
    }

    private void start(Appointment appointment) {
        if (!appointment.hasStart()) {
            return;
        }
        String appointmentId = appointment.getIdElement().getIdPart();
        startProgram(
                appointmentId,
                Appointments.patientOf(appointment),
                appointment.getStart().toInstant(),
                appointment.getStatus() == Appointment.AppointmentStatus.BOOKED,
                Appointments.forAProcedure(appointment),
                appointmentId,
                Appointments.orderOf(appointment));
    }

    /** Starts a procedure's preparation from its order, before any appointment is booked for it. */
    void startFromOrder(String orderId, String patientId, Instant start) {
        startProgram(Appointments.orderKey(orderId), patientId, start, true, true, null, orderId);
    }

    /**
     * Starts the program the DMN {@code appointment-program} chooses, once per key: the row, unique per key, commits
     * with the process start.
     *
     * @param key           the row's key: the appointment's id, or {@code sr-<order id>} for an order alone
     * @param appointmentId the appointment, or null for an order alone
     * @param orderId       the order the appointment was booked for, or null
     */
    private void startProgram(
            String key,
            String patientId,
            Instant start,
            boolean booked,
            boolean procedure,
            String appointmentId,
            String orderId) {
        Instant now = clock.instant();
        var record = patients.record(patientId);
        java.util.Optional<PatientSummary> patient = record.map(patients::summarise);
        if (patient.isEmpty()) {
            return;
        }
        var choice = programs.decide(new org.careloop.rules.appointment.AppointmentProgram.Facts(
                booked, java.time.Duration.between(now, start).toHours(), procedure, reachable(patient.get())));
        if (!choice.starts()) {
            log.info("{}: no program", key);
            return;
        }
        String program = choice.program();
        // the program's start reads the patient too (its department, the instance's display name): the same record
        patients.knowing(
                record.get(),
                () -> transactions.execute(tx -> {
                    try {
                        jdbc.update(
                                "insert into appointment_reminder (appointment_id, patient_id, start_time, created_at, program, "
                                        + "service_request_id) values (?, ?, ?, ?, ?, ?)",
                                key,
                                patientId,
                                Timestamp.from(start),
                                Timestamp.from(now),
                                program,
                                orderId);
                    } catch (DuplicateKeyException raced) {
                        tx.setRollbackOnly();
                        return null;
                    }
                    String processInstanceId = runtime.startProcessInstanceByKey(
                                    "program-" + program,
                                    program + ":" + key,
                                    Variables.createVariables()
                                            .putValue(ProcessVariables.PATIENT_ID, patientId)
                                            .putValue(ProcessVariables.APPOINTMENT_ID, appointmentId)
                                            .putValue(ProcessVariables.SERVICE_REQUEST_ID, orderId)
                                            .putValue(ProcessVariables.APPOINTMENT_START, start.toString())
                                            .putValue(ProcessVariables.APPOINTMENT_CONFIRMED, false)
                                            .putValue(ProcessVariables.PROGRAM, program))
                            .getId();
                    jdbc.update(
                            "update appointment_reminder set process_instance_id = ? where appointment_id = ?",
                            processInstanceId,
                            key);
                    return processInstanceId;
                }));
        log.info("{}: {} started", key, program);
    }

    /**
     * Ends the reminders with the EHR's news, when something waits for it; a follow-up a person still holds moves to
     * a handoff of its own first, in the same transaction.
     */
    void end(String processInstanceId, String message, String why) {
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

    /** Whether a reminder can reach the patient: a mobile to text, an email address or a phone to call (when on). */
    private boolean reachable(PatientSummary patient) {
        return patient.mobile() != null
                || email.enabled() && patient.email() != null
                || voice.enabled() && patient.phone() != null;
    }
}
