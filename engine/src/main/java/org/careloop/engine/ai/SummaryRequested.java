package org.careloop.engine.ai;

import org.careloop.engine.outbox.Lane;
import org.careloop.engine.outbox.OutboxEvent;

/** A handoff task that may get an automated summary. Summaries have a lane of their own: a slow model delays nothing else. */
@OutboxEvent.Kind(value = "ai-summary", lane = Lane.AI)
public record SummaryRequested(String taskId, String patientId) implements OutboxEvent {

    /** After the patient's records, which the summary's Provenance refers to. */
    @Override
    public String orderingKey() {
        return patientId == null ? null : "patient/" + patientId;
    }
}
