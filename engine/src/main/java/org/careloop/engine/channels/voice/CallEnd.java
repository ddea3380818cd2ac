package org.careloop.engine.channels.voice;

import java.util.Optional;

/**
 * What a call's final status (Twilio's {@code CallStatus}) means for its message: answered is delivered; busy, no
 * answer, failed or cancelled is undelivered, with why, and never called again.
 */
record CallEnd(String status, String detail) {

    /** The end a call's status means; empty while the call has not ended (queued, ringing, in-progress). */
    static Optional<CallEnd> of(String callStatus) {
        return switch (callStatus) {
            case "completed" -> Optional.of(new CallEnd("DELIVERED", null));
            case "busy", "no-answer", "failed", "canceled" ->
                Optional.of(new CallEnd(
                        "UNDELIVERED", "The call ended " + callStatus.replace('-', ' ') + "; not called again"));
            default -> Optional.empty();
        };
    }
}
