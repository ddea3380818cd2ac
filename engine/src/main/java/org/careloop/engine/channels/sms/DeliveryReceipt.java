package org.careloop.engine.channels.sms;

import org.careloop.engine.outbox.Lane;
import org.careloop.engine.outbox.OutboxEvent;

/** A provider's delivery receipt for one message; one message's receipts apply in the order they came. */
@OutboxEvent.Kind(value = "sms-status", lane = Lane.STATUS)
record DeliveryReceipt(String sid, String status, String errorCode) implements OutboxEvent {

    @Override
    public String orderingKey() {
        return sid;
    }
}
