package org.careloop.processes;

import java.util.Arrays;
import java.util.Optional;

/** How an appointment's reminders ended; the codes are what the model sets in {@code appointmentOutcome}. */
public enum AppointmentOutcome {
    /** The EHR reported the patient arrived (arrived, checked-in or fulfilled). */
    KEPT("kept"),
    /** The EHR marked the appointment a no-show. */
    NO_SHOW("no-show"),
    /** Cancelled, by the patient's reply or in the EHR. */
    CANCELLED("cancelled"),
    /** The appointment time passed and the EHR reported no attendance. */
    NOT_REPORTED("not-reported");

    private final String code;

    AppointmentOutcome(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<AppointmentOutcome> ofCode(String code) {
        return Arrays.stream(values()).filter(o -> o.code.equals(code)).findFirst();
    }
}
