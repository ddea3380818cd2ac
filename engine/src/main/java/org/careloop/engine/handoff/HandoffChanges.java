package org.careloop.engine.handoff;

/** The words of a handoff change, as the FHIR Task's notes and the care team read them. */
final class HandoffChanges {

    static final String CLAIMED = "claimed";
    static final String RELEASED = "released";
    static final String REASSIGNED = "reassigned";
    static final String COMPLETED = "completed";
    static final String MESSAGED = "messaged";

    private HandoffChanges() {}

    static String describe(String action, String toUser, String outcome, String note) {
        return switch (action) {
            case CLAIMED -> "Claimed";
            case RELEASED -> "Gave it back to the queue";
            case REASSIGNED -> "Handed it to " + toUser;
            case COMPLETED -> "Completed: " + outcome + (note == null || note.isBlank() ? "" : ". " + note);
            case MESSAGED -> "Messaged the patient: " + note;
            default -> action;
        };
    }
}
