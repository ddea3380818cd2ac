package org.careloop.rules.triage;

/** What the care program does with a reply. The names are the values the BPMN gateways test. */
public enum TriageAction {
    /** Hand off to the nurse team now. */
    URGENT,
    /** Hand off to the care coordinators in their normal queue. */
    ROUTINE,
    /** Nothing of concern: the program goes on. */
    CONTINUE,
    /** The patient asked to stop messages. */
    OPT_OUT,
    /** Nothing in the reply was understood: ask the patient once to say more, then a person reads it. */
    CLARIFY;

    /** The value as BPMN expressions see it: {@code urgent}, {@code routine}, {@code continue}, {@code opt-out},
     * {@code clarify}. */
    public String code() {
        return name().toLowerCase().replace('_', '-');
    }
}
