package org.careloop.engine.outbox;

import java.util.List;

/**
 * Carries out one kind of outbox event. Handlers must be idempotent: an event may be delivered again after a node
 * stops mid-way.
 */
public interface OutboxHandler<E extends OutboxEvent> {

    Class<E> eventType();

    void handle(E event) throws Exception;

    /**
     * Handles several events of this kind at once, e.g. as one FHIR transaction. When it throws, each event is
     * handled again on its own, so one bad event does not hold back the rest.
     */
    default void handleAll(List<E> events) throws Exception {
        for (E event : events) {
            handle(event);
        }
    }

    /** Whether {@link #handleAll} does better than one by one. */
    default boolean batches() {
        return false;
    }

    /**
     * Whether one event of this kind also carries out every later one equal to it (same payload, same ordering key)
     * that is waiting when it is claimed: true for a handler that writes the current state of what the event names
     * (a mirror), so that a state changed twice before the mirror's turn is written once. The later events were
     * committed before the claim, hence their changes before the handler reads the state.
     */
    default boolean coalesces() {
        return false;
    }

    /**
     * Thrown by a handler for an event that may not be handled yet (a rate limit): the event waits that long and is
     * handled then, as if it had not been tried. Like an event enqueued for later, it does not hold back the events
     * after it (they meet the same limit, and wait their own turn).
     */
    class NotYet extends RuntimeException {
        private final java.time.Duration wait;

        public NotYet(java.time.Duration wait) {
            super("not yet: wait " + wait, null, false, false);
            this.wait = wait;
        }

        public java.time.Duration waitFor() {
            return wait;
        }
    }

    /** Thrown by a handler for a failure that a retry cannot fix. */
    class PermanentFailure extends RuntimeException {
        public PermanentFailure(String message) {
            super(message);
        }
    }
}
