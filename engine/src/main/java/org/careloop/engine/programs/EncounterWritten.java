package org.careloop.engine.programs;

import org.careloop.engine.outbox.Lane;
import org.careloop.engine.outbox.OutboxEvent;

/** A discharge-like Encounter was written to FHIR; the enrolment decision runs on it. One patient at a time. */
@OutboxEvent.Kind(value = "encounter-written", lane = Lane.ENROLMENT)
public record EncounterWritten(String encounterId, String patientId) implements OutboxEvent {

    @Override
    public String orderingKey() {
        return patientId == null ? null : "patient/" + patientId;
    }
}
