package org.careloop.engine.outbox;

/** Carries out one kind of outbox event. Handlers must be idempotent: an event may be delivered again. */
public interface OutboxHandler {

    String kind();

    void handle(String payload) throws Exception;

    /** Thrown by a handler for a failure that a retry cannot fix. */
    class PermanentFailure extends RuntimeException {
        public PermanentFailure(String message) {
            super(message);
        }
    }
}
