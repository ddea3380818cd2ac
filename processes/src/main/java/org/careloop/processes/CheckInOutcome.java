package org.careloop.processes;

import java.util.Arrays;
import java.util.Optional;

/** How a check-in conversation ended; the codes are what the models set in {@code checkInOutcome}. */
public enum CheckInOutcome {
    REPLIED("replied"),
    HANDED_OFF("handed-off"),
    NO_RESPONSE("no-response"),
    OPTED_OUT("opted-out"),
    /** A check-in the patient may not be sent: no consent for its channel and purpose. */
    NO_CONSENT("no-consent");

    private final String code;

    CheckInOutcome(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<CheckInOutcome> ofCode(String code) {
        return Arrays.stream(values()).filter(o -> o.code.equals(code)).findFirst();
    }
}
