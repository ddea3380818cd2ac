package org.careloop.forms.emergency;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.careloop.forms.handoff.HandoffBoard;

/**
 * Emergency access ("break the glass", HIPAA 164.312(a)(2)(ii)): a clinician who must read a patient outside their
 * queues (another department's patient calls the ward, a colleague is away) opens that patient's record for a short
 * time by stating why. The access is granted at once, never waits for an approval, and is recorded with its reason
 * for the auditors to review.
 */
public interface EmergencyAccess {

    /** The roles that may break the glass: the clinical teams. */
    List<String> ROLES = List.of("nurse", "care-coordinator", "pharmacist");

    /**
     * A patient's record as a clinician reads it: the header, the clinical context, the conversation and every team's
     * open tasks for the patient.
     *
     * @param emergencyUntil when the emergency access that opened it ends; null when the patient is in the reader's
     *                       own queues
     */
    record PatientRecord(
            String patientId,
            HandoffBoard.PatientContext patient,
            String program,
            String programDay,
            HandoffBoard.Clinical clinical,
            List<HandoffBoard.Message> conversation,
            List<HandoffBoard.OtherTask> openTasks,
            Instant emergencyUntil) {}

    /** One emergency access: who, which patient, why, from where, when, until when. */
    record Grant(
            long id,
            String user,
            String patientId,
            String reason,
            String address,
            Instant grantedAt,
            Instant expiresAt) {}

    /** A refusal with its reason for the clinician ("No patient has the medical record number …"). */
    final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    /**
     * Opens the patient with this medical record number to the user for {@link #lasts()}, and records why.
     *
     * @throws Refused with a message for the user: no such patient, a reason too short or too long, or a role that
     *                 may not break the glass
     */
    Grant open(String mrn, String reason, String user, Collection<String> groups, String address);

    /** The patient's record, if the user may read it now (their queues, or an emergency access of theirs). */
    Optional<PatientRecord> record(String patientId, String user, Collection<String> groups, String address);

    /** How far back the auditors' review looks. */
    Duration REVIEWED = Duration.ofDays(30);

    /** The emergency accesses granted within {@link #REVIEWED}, newest first, for the auditors' review. */
    List<Grant> reviewed(String auditor);

    /** How long an emergency access lasts. */
    Duration lasts();
}
