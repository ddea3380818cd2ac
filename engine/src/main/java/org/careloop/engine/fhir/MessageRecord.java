package org.careloop.engine.fhir;

import java.time.Instant;

/**
 * One message to or from a patient, as the FHIR facade records it.
 *
 * @param id            the engine's id of the message
 * @param outbound      sent by CareLoop (true) or received from the patient (false)
 * @param status        FHIR Communication status: {@code preparation}, {@code in-progress}, {@code completed}, {@code stopped}
 * @param inResponseTo  for a reply, the engine's id of the outbound message it answers
 */
public record MessageRecord(
        String id,
        boolean outbound,
        String patientId,
        String program,
        String enrolmentId,
        String encounterId,
        String channel,
        String body,
        Instant at,
        String status,
        String statusReason,
        String providerSid,
        String inResponseTo) {

    public static String communicationId(String messageId, boolean outbound) {
        return (outbound ? "msg-out-" : "msg-in-") + messageId;
    }
}
