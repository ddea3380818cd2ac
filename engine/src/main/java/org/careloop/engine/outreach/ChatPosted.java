package org.careloop.engine.outreach;

import org.careloop.engine.outbox.Lane;
import org.careloop.engine.outbox.OutboxEvent;

/** A program's message for a patient who reads their messages in the web chat, due to show there now. */
@OutboxEvent.Kind(value = "chat-posted", lane = Lane.SENDS)
public record ChatPosted(String messageId) implements OutboxEvent {}
