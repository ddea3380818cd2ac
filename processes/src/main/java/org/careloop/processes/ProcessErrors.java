package org.careloop.processes;

/** The BPMN error codes CareLoop's delegates throw, and that the programs' models catch. */
public final class ProcessErrors {

    /**
     * A program's message met a refusal: the consent vault holds no permission for its channel and purpose, or the
     * number opted out. Every program catches it and ends with the outcome {@code no-consent}.
     */
    public static final String NO_CONSENT = "NO_CONSENT";

    private ProcessErrors() {}
}
