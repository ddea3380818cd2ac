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

    /** Thrown by a handler for a failure that a retry cannot fix. */
    class PermanentFailure extends RuntimeException {
        public PermanentFailure(String message) {
            super(message);
        }
    }
}
