package org.careloop.engine.outreach;

import org.careloop.engine.outbox.Lane;
import org.careloop.engine.outbox.OutboxEvent;

/**
 * The outbox events that keep a message's FHIR {@code Communication} in step with CareLoop's tables. They share the
 * patient's ordering key with the handoff mirror, so one patient's resources are written in the order they happened
 * (a message before the reply that answers it, a reply before the task it raised), and different patients' are
 * written together, in batches.
 */
public final class MessageRecords {

    private MessageRecords() {}

    static String key(String patientId) {
        return patientId == null ? null : "patient/" + patientId;
    }

    /** An outbound message was queued, sent, held back or delivered. */
    @OutboxEvent.Kind(value = "message-record-outbound", lane = Lane.RECORDS)
    public record OutboundChanged(String messageId, String patientId) implements OutboxEvent {
        @Override
        public String orderingKey() {
            return key(patientId);
        }
    }

    /** A patient's message was received. */
    @OutboxEvent.Kind(value = "message-record-inbound", lane = Lane.RECORDS)
    public record InboundReceived(String inboundId, String patientId) implements OutboxEvent {
        @Override
        public String orderingKey() {
            return key(patientId);
        }
    }
}
