package org.careloop.engine.outreach;

import org.careloop.engine.outbox.Lane;
import org.careloop.engine.outbox.OutboxEvent;

/**
 * An {@code outbound_message} is queued for its channel. A message that answers a patient travels in the replies
 * lane, so a campaign's queue never delays it; program messages travel in the sends lane. One number's messages
 * leave in the order they were queued, whichever lane carries them.
 */
public sealed interface SendRequested extends OutboxEvent {

    String messageId();

    String to();

    /** The event for a queued message: an answer when it answers something the patient wrote. */
    static SendRequested of(String messageId, String to, boolean answersThePatient) {
        return answersThePatient ? new Answer(messageId, to) : new ProgramMessage(messageId, to);
    }

    @Override
    default String orderingKey() {
        return to() == null ? null : "sms-to/" + to();
    }

    /** A program's message (a check-in, a reminder). */
    @OutboxEvent.Kind(value = "sms-send", lane = Lane.SENDS)
    record ProgramMessage(String messageId, String to) implements SendRequested {}

    /** An answer to something the patient just wrote (an acknowledgement, a clarifying question). */
    @OutboxEvent.Kind(value = "sms-send-answer", lane = Lane.REPLIES)
    record Answer(String messageId, String to) implements SendRequested {}
}
