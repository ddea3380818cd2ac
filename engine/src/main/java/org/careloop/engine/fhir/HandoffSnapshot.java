package org.careloop.engine.fhir;

import java.time.Instant;

/**
 * The state of one human handoff (a Camunda user task) as mirrored to a FHIR {@code Task}.
 *
 * @param status  FHIR Task status: {@code requested}, {@code accepted}, {@code completed}, {@code cancelled}
 * @param outcome the outcome the care-team member chose, once completed
 */
public record HandoffSnapshot(
        String taskId,
        String name,
        String patientId,
        String enrolmentId,
        String team,
        String owner,
        int priority,
        String reason,
        String status,
        String outcome,
        String replyMessageId,
        Instant authoredOn,
        Instant lastModified) {}
