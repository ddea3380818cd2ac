package org.careloop.rules.triage;

/** How soon a human must look at a reply, most urgent first. */
public enum Severity {
    /** Thoughts of self-harm: the patient is given the 988 crisis line and a nurse is alerted. */
    CRISIS,
    /** Possibly life-threatening: the patient is told to call 911 and a nurse is alerted. */
    EMERGENCY,
    /** A red-flag symptom: a nurse calls the patient. */
    URGENT,
    /** A question or a request for a person: the care coordinator follows up. */
    ROUTINE,
    /** Nothing for a human to do. */
    NONE
}
