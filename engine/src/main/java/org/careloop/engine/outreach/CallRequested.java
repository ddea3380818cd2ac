package org.careloop.engine.outreach;

import org.careloop.engine.outbox.Lane;
import org.careloop.engine.outbox.OutboxEvent;

/** An {@code outbound_message} is queued for the voice channel: an automated call. One number's calls go in order; the
 * event names the number by its blind index only.
 */
@OutboxEvent.Kind(value = "voice-call", lane = Lane.SENDS)
public record CallRequested(String messageId, String toIndex) implements OutboxEvent {

    @Override
    public String orderingKey() {
        return "call-to/" + toIndex;
    }
}
