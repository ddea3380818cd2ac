package org.careloop.engine.appointments;

import org.careloop.engine.outbox.Lane;
import org.careloop.engine.outbox.OutboxEvent;

/**
 * A ServiceRequest (an order) was written to FHIR for a patient: a procedure's preparation may start from it, before
 * an Appointment is booked, and the order's later writes (revoked, done, moved) move or end it.
 */
@OutboxEvent.Kind(value = "procedure-ordered", lane = Lane.ENROLMENT)
public record ProcedureOrdered(String serviceRequestId, String patientId) implements OutboxEvent {

    /** The same key as the patient's appointments, so an order and the appointment booked for it run in order. */
    @Override
    public String orderingKey() {
        return patientId == null ? null : "patient/" + patientId;
    }
}
