package org.careloop.engine.outreach;

/**
 * A request to send one approved message to a patient.
 *
 * @param inResponseTo the id of the inbound message this answers, if any
 */
public record OutreachRequest(
        String patientId,
        String templateId,
        String program,
        String enrolmentId,
        String encounterId,
        String processInstanceId,
        String inResponseTo) {}
