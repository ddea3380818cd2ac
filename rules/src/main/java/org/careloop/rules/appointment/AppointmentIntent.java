package org.careloop.rules.appointment;

import java.util.Locale;

/** What a reply to an appointment reminder asks for. The code is the value of the {@code appointmentAnswer} variable. */
public enum AppointmentIntent {
    /** Something clinical: a person on the care team reads it first, whatever else the reply says. */
    CLINICAL,
    /** The carrier-standard opt-out keywords (STOP, CANCEL, …). */
    OPT_OUT,
    CANCEL,
    RESCHEDULE,
    CONFIRM,
    /** Anything else: a question, a request the rules cannot settle; a scheduler reads it. */
    OTHER;

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
