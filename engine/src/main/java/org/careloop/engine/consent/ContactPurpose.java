package org.careloop.engine.consent;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why CareLoop contacts a patient, as the consent vault records permissions for it; {@code ALL} covers every one. Care
 * (check-ins, care-gap invitations) and appointments are part of the patient's treatment; billing and marketing are
 * not.
 */
public enum ContactPurpose {
    CARE,
    APPOINTMENT,
    BILLING,
    MARKETING,
    ALL;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<ContactPurpose> ofCode(String code) {
        return Arrays.stream(values()).filter(c -> c.code().equals(code)).findFirst();
    }

    /** The purposes a message can have (every value but {@code ALL}). */
    public static java.util.List<ContactPurpose> real() {
        return Arrays.stream(values()).filter(c -> c != ALL).toList();
    }

    /** The purpose of a program's messages. */
    public static ContactPurpose ofProgram(String program) {
        if (program == null) {
            return CARE;
        }
        return switch (program) {
            case "appointment-reminder", "pre-procedure" -> APPOINTMENT;
            default -> CARE;
        };
    }
}
