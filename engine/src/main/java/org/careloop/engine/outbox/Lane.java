package org.careloop.engine.outbox;

/**
 * Work that must not wait behind other work gets a lane of its own, with its own threads: a campaign's sends never
 * delay a patient's reply, and slow FHIR writes never delay a send.
 */
public enum Lane {
    /** A patient's reply: triage, correlation, the acknowledgement. */
    REPLIES,
    /**
     * An answer to what a patient just wrote, on its way to the provider: it waits neither behind a campaign's sends
     * nor behind other patients' replies being read.
     */
    ANSWERS,
    /** Delivery receipts from a provider. */
    STATUS,
    /** Messages handed to a provider. */
    SENDS,
    /** Clinical events that may enrol a patient in a program. */
    ENROLMENT,
    /** Mirrors of messages and handoffs as FHIR resources. */
    RECORDS,
    /** Optional automated summaries. */
    AI;

    /** Whether a patient waits on this lane's work: batch work yields to it ({@link RepliesFirst}). */
    public boolean interactive() {
        return this == REPLIES || this == ANSWERS;
    }

    /** The property name of this lane under {@code careloop.outbox.lanes}. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
