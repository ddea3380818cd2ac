package org.careloop.rules.appointment;

/** What a reply answers: reminders of a visit, or the preparation for a procedure. */
public final class ReminderContext {

    private final boolean procedure;

    public ReminderContext(boolean procedure) {
        this.procedure = procedure;
    }

    public boolean isProcedure() {
        return procedure;
    }
}
