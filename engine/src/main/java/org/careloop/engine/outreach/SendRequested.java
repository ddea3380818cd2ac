package org.careloop.engine.outreach;

import org.careloop.engine.outbox.Lane;
import org.careloop.engine.outbox.OutboxEvent;

/**
 * An {@code outbound_message} is queued for its channel. A message that answers a patient travels in the answers
 * lane, so neither a campaign's queue nor other patients' replies delay it; program messages travel in the sends
 * lane. One number's messages leave in the order they were queued, whichever lane carries them. The event names the
 * recipient by the blind index of their number only (the number itself is sealed in the message's row).
 */
public sealed interface SendRequested extends OutboxEvent {

    String messageId();

    /** The blind index of the recipient's number. */
    String toIndex();

    /** The event for a queued message: an answer when it answers something the patient wrote. */
    static SendRequested of(String messageId, String toIndex, boolean answersThePatient) {
        return answersThePatient ? new Answer(messageId, toIndex) : new ProgramMessage(messageId, toIndex);
    }

    @Override
    default String orderingKey() {
        return toIndex() == null ? null : "sms-to/" + toIndex();
    }

    /** A program's message (a check-in, a reminder). */
    @OutboxEvent.Kind(value = "sms-send", lane = Lane.SENDS)
    record ProgramMessage(String messageId, String toIndex) implements SendRequested {}

    /** An answer to something the patient just wrote (an acknowledgement, a clarifying question). */
    @OutboxEvent.Kind(value = "sms-send-answer", lane = Lane.ANSWERS)
    record Answer(String messageId, String toIndex) implements SendRequested {}
}
