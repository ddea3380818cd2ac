package org.careloop.engine.conversation;

import org.careloop.engine.outbox.Lane;
import org.careloop.engine.outbox.OutboxEvent;

/**
 * A patient's reply to triage and route. A patient's replies are routed one at a time, in the order they came: the
 * ordering key names the sender by the blind index of their number, or the chat's patient.
 */
@OutboxEvent.Kind(value = "reply-received", lane = Lane.REPLIES)
record ReplyReceived(String inboundId, String sender) implements OutboxEvent {

    @Override
    public String orderingKey() {
        return sender;
    }
}
