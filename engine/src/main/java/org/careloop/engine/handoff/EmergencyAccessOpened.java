package org.careloop.engine.handoff;

import org.careloop.engine.outbox.Lane;
import org.careloop.engine.outbox.OutboxEvent;

/** An emergency access just granted, for the privacy office to hear of at once. */
@OutboxEvent.Kind(value = "emergency-access-opened", lane = Lane.RECORDS)
record EmergencyAccessOpened(long grantId) implements OutboxEvent {}
