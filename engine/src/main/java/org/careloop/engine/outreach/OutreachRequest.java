package org.careloop.engine.outreach;

/**
 * A request to send one approved message to a patient.
 *
 * @param inResponseTo the id of the inbound message this answers, if any
 * @param when         the time the message states (an appointment's start), if its template names one
 * @param code         the one-time code the message gives ({@code {code}}), if it is one: it goes at once, by text to
 *                     the mobile on file only
 * @param channel      the channel the program's step prefers (tried first, if the patient may be reached on it), or
 *                     null for the patient's own order of preference
 * @param purpose      the purpose the step states (the consent it needs), or null for the program's
 * @param words        a clinician's own words, put in their approved frame ({@code {words}}, template {@code
 *                     staff-written}), or null
 */
public record OutreachRequest(
        String patientId,
        String templateId,
        String program,
        String enrolmentId,
        String encounterId,
        String processInstanceId,
        String inResponseTo,
        java.time.Instant when,
        String code,
        org.careloop.engine.consent.ContactChannel channel,
        org.careloop.engine.consent.ContactPurpose purpose,
        String words) {

    public OutreachRequest(
            String patientId,
            String templateId,
            String program,
            String enrolmentId,
            String encounterId,
            String processInstanceId,
            String inResponseTo,
            java.time.Instant when) {
        this(
                patientId,
                templateId,
                program,
                enrolmentId,
                encounterId,
                processInstanceId,
                inResponseTo,
                when,
                null,
                null,
                null,
                null);
    }

    public OutreachRequest(
            String patientId,
            String templateId,
            String program,
            String enrolmentId,
            String encounterId,
            String processInstanceId,
            String inResponseTo) {
        this(patientId, templateId, program, enrolmentId, encounterId, processInstanceId, inResponseTo, null);
    }
}
