package org.careloop.engine.consent;

import java.util.Arrays;
import java.util.Optional;

/** A way of reaching a patient, as the consent vault records permissions for it; {@code ALL} covers every one. */
public enum ContactChannel {
    SMS,
    EMAIL,
    VOICE,
    CHAT,
    ALL;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<ContactChannel> ofCode(String code) {
        return Arrays.stream(values()).filter(c -> c.code().equals(code)).findFirst();
    }

    /** The channels a message can travel on (every value but {@code ALL}). */
    public static java.util.List<ContactChannel> real() {
        return Arrays.stream(values()).filter(c -> c != ALL).toList();
    }
}
