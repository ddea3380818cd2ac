package org.careloop.rules.appointment;

/**
 * What a reply answers: reminders of a visit, or the preparation for a procedure; and whether an appointment is
 * booked, or the procedure only ordered so far.
 */
public final class ReminderContext {

    private final boolean procedure;
    private final boolean booked;

    public ReminderContext(boolean procedure, boolean booked) {
        this.procedure = procedure;
        this.booked = booked;
    }

    public boolean isProcedure() {
        return procedure;
    }

    public boolean isBooked() {
        return booked;
    }
}
