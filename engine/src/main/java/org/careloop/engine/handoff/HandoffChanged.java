package org.careloop.engine.handoff;

import org.careloop.engine.fhir.HandoffSnapshot;
import org.careloop.engine.outbox.Lane;
import org.careloop.engine.outbox.OutboxEvent;

/** A handoff task was created, claimed or ended; its FHIR Task follows, one change at a time. */
@OutboxEvent.Kind(value = "handoff-changed", lane = Lane.RECORDS)
record HandoffChanged(HandoffSnapshot snapshot) implements OutboxEvent {

    @Override
    public String orderingKey() {
        return snapshot.patientId() == null ? "task/" + snapshot.taskId() : "patient/" + snapshot.patientId();
    }
}
