package org.careloop.engine.programs;

import org.careloop.engine.outbox.Lane;
import org.careloop.engine.outbox.OutboxEvent;

/**
 * A discharge-like Encounter was written to FHIR; the enrolment decision runs on it. One patient at a time.
 *
 * @param reconciled found by the reconciliation sweep rather than by its own write: decided only if no decision
 *     was recorded for it meanwhile
 */
@OutboxEvent.Kind(value = "encounter-written", lane = Lane.ENROLMENT)
public record EncounterWritten(String encounterId, String patientId, boolean reconciled) implements OutboxEvent {

    public EncounterWritten(String encounterId, String patientId) {
        this(encounterId, patientId, false);
    }

    @Override
    public String orderingKey() {
        return patientId == null ? null : "patient/" + patientId;
    }
}
