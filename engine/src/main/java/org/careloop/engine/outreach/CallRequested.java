package org.careloop.engine.outreach;

import org.careloop.engine.outbox.Lane;
import org.careloop.engine.outbox.OutboxEvent;

/** An {@code outbound_message} is queued for the voice channel: an automated call. One number's calls go in order. */
@OutboxEvent.Kind(value = "voice-call", lane = Lane.SENDS)
public record CallRequested(String messageId, String to) implements OutboxEvent {

    @Override
    public String orderingKey() {
        return "call-to/" + to;
    }
}
