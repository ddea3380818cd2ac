package org.careloop.engine.appointments;

import org.careloop.engine.outbox.Lane;
import org.careloop.engine.outbox.OutboxEvent;

/** An Appointment was written to FHIR (by the EHR, or by CareLoop from a reply): reminders start, move or end. */
@OutboxEvent.Kind(value = "appointment-written", lane = Lane.ENROLMENT)
public record AppointmentWritten(String appointmentId, String patientId) implements OutboxEvent {

    @Override
    public String orderingKey() {
        return patientId == null ? null : "patient/" + patientId;
    }
}
