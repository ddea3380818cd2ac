package org.careloop.engine.chronic;

import org.careloop.engine.outbox.Lane;
import org.careloop.engine.outbox.OutboxEvent;

/** A Condition was written to FHIR: a chronic check-in may start or end. One patient at a time. */
@OutboxEvent.Kind(value = "condition-written", lane = Lane.ENROLMENT)
public record ConditionWritten(String conditionId, String patientId) implements OutboxEvent {

    @Override
    public String orderingKey() {
        return patientId == null ? null : "patient/" + patientId;
    }
}
