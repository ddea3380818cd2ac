package org.careloop.engine.appointments;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.careloop.engine.outbox.OutboxHandler;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Starts, moves and ends a procedure's preparation as the EHR writes the order (a FHIR ServiceRequest): an active
 * order for a surgical or diagnostic procedure with a scheduled time starts the preparation once, when no
 * appointment booked for it runs one already; a new time moves it while no appointment has taken it over; a revoked
 * order ends it as cancelled, a completed one as kept, whoever drives it.
 */
@Service
class ProcedureOrders implements OutboxHandler<ProcedureOrdered> {

    private final Appointments appointments;
    private final AppointmentReminders reminders;
    private final JdbcTemplate jdbc;

    ProcedureOrders(
            Appointments appointments, AppointmentReminders reminders, @Qualifier("engineJdbc") JdbcTemplate jdbc) {
        this.appointments = appointments;
        this.reminders = reminders;
        this.jdbc = jdbc;
    }

    @Override
    public Class<ProcedureOrdered> eventType() {
        return ProcedureOrdered.class;
    }

    @Override
    public void handle(ProcedureOrdered event) {
        String orderId = event.serviceRequestId();
        Optional<ServiceRequest> order = appointments.findOrder(orderId);
        List<Map<String, Object>> rows = jdbc.queryForList(
                "select appointment_id, process_instance_id, start_time, ended_at from appointment_reminder "
                        + "where service_request_id = ?",
                orderId);
        if (rows.isEmpty()) {
            order.filter(o -> o.getStatus() == ServiceRequest.ServiceRequestStatus.ACTIVE)
                    .filter(Appointments::forAProcedure)
                    .ifPresent(o -> Appointments.scheduledStart(o)
                            .ifPresent(start -> reminders.startFromOrder(orderId, event.patientId(), start)));
            return;
        }
        Map<String, Object> row =
                rows.stream().filter(r -> r.get("ended_at") == null).findFirst().orElse(null);
        if (row == null) {
            return;
        }
        String processInstanceId = (String) row.get("process_instance_id");
        ServiceRequest.ServiceRequestStatus status =
                order.map(ServiceRequest::getStatus).orElse(null);
        if (status == null
                || status == ServiceRequest.ServiceRequestStatus.REVOKED
                || status == ServiceRequest.ServiceRequestStatus.ENTEREDINERROR) {
            reminders.end(processInstanceId, "AppointmentCancelled", "The procedure's order was withdrawn");
        } else if (status == ServiceRequest.ServiceRequestStatus.COMPLETED) {
            reminders.end(processInstanceId, "AppointmentKept", "The ordered procedure was done");
        } else if (Appointments.orderKey(orderId).equals(row.get("appointment_id"))) {
            // the order alone drives the preparation: its time is the procedure's time
            Optional<Instant> start = Appointments.scheduledStart(order.get());
            if (start.isPresent()) {
                reminders.move(
                        Appointments.orderKey(orderId),
                        processInstanceId,
                        (Timestamp) row.get("start_time"),
                        start.get());
            }
        }
    }
}
