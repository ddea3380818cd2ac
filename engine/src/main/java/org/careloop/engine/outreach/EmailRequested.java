package org.careloop.engine.outreach;

import org.careloop.engine.outbox.Lane;
import org.careloop.engine.outbox.OutboxEvent;

/**
 * An {@code outbound_message} is queued for the email channel. One address's emails leave in the order queued; the
 * event names the address by its blind index only.
 */
@OutboxEvent.Kind(value = "email-send", lane = Lane.SENDS)
public record EmailRequested(String messageId, String toIndex) implements OutboxEvent {

    @Override
    public String orderingKey() {
        return "email-to/" + toIndex;
    }
}
