package org.careloop.engine.programs;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.careloop.engine.fhir.FhirRecords;
import org.careloop.engine.fhir.PatientDirectory;
import org.careloop.engine.fhir.PatientSummary;
import org.careloop.engine.handoff.OpenHandoffs;
import org.careloop.engine.outbox.OutboxHandler;
import org.careloop.engine.outreach.MessageLedger;
import org.careloop.processes.ProcessVariables;
import org.careloop.rules.eligibility.DischargeFacts;
import org.careloop.rules.eligibility.EligibilityDecision;
import org.careloop.rules.eligibility.PostDischargeEligibility;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decides whether a discharge enrols its patient in post-discharge follow-up (the DMN decides, from
 * facts gathered out of FHIR), records the decision and its reason, and starts the program. One stay
 * enrols at most once, across retries and nodes: the enrolment row is unique per program and encounter
 * and commits with the process start.
 */
@Service
public class EnrolmentService implements OutboxHandler<EncounterWritten> {

    private static final Logger log = LoggerFactory.getLogger(EnrolmentService.class);
    public static final String PROGRAM = "post-discharge";
    public static final String PROCESS_KEY = "program-post-discharge";
    public static final String TITLE = "Post-discharge follow-up";

    private final DaoRegistry daos;
    private final PatientDirectory patients;
    private final PostDischargeEligibility eligibility;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final RuntimeService runtime;
    private final FhirRecords fhir;
    private final Clock clock;
    private final MessageLedger ledger;
    private final ProgramProperties programs;
    private final OpenHandoffs openHandoffs;
    private final org.careloop.engine.config.VoiceProperties voice;

    EnrolmentService(
            DaoRegistry daos,
            PatientDirectory patients,
            PostDischargeEligibility eligibility,
            @Qualifier("engineJdbc") JdbcTemplate jdbc,
            @Qualifier("engineTransactions") TransactionTemplate transactions,
            RuntimeService runtime,
            FhirRecords fhir,
            Clock clock,
            MessageLedger ledger,
            ProgramProperties programs,
            OpenHandoffs openHandoffs,
            org.careloop.engine.config.VoiceProperties voice) {
        this.openHandoffs = openHandoffs;
        this.voice = voice;
        this.ledger = ledger;
        this.programs = programs;
        this.daos = daos;
        this.patients = patients;
        this.eligibility = eligibility;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.runtime = runtime;
        this.fhir = fhir;
        this.clock = clock;
    }

    @Override
    public Class<EncounterWritten> eventType() {
        return EncounterWritten.class;
    }

    @Override
    public void handle(EncounterWritten event) {
        if (event.reconciled() && decided(event.encounterId())) {
            return;
        }
        consider(event.encounterId());
    }

    /** Whether a decision was recorded for the encounter. */
    boolean decided(String encounterId) {
        return jdbc.queryForObject(
                        "select count(*) from enrolment_decision where encounter_id = ? and program = ?",
                        Integer.class,
                        encounterId,
                        PROGRAM)
                > 0;
    }

    /** The enrolment decision, or empty when the encounter is not a finished inpatient stay. */
    public Optional<EligibilityDecision> consider(String encounterId) {
        Encounter encounter;
        try {
            encounter = daos.getResourceDao(Encounter.class)
                    .read(new IdType("Encounter", encounterId), new SystemRequestDetails());
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            log.info("Encounter {} no longer exists; nothing to decide", encounterId);
            return Optional.empty();
        }
        if (encounter.getStatus() != Encounter.EncounterStatus.FINISHED
                || !"IMP".equals(encounter.getClass_().getCode())
                || !encounter.getPeriod().hasEnd()
                || !encounter.getSubject().hasReferenceElement()) {
            return Optional.empty();
        }
        String patientId = encounter.getSubject().getReferenceElement().getIdPart();
        Optional<org.hl7.fhir.r4.model.Patient> record = patients.record(patientId);
        Optional<PatientSummary> patient = record.map(patients::summarise);
        if (patient.isEmpty()) {
            return Optional.empty();
        }
        Instant discharge = encounter.getPeriod().getEnd().toInstant();
        Instant now = clock.instant();
        String enrolmentId = PROGRAM + "-" + encounterId;
        String stayKey = stayKey(encounter, patientId);
        boolean sameEncounterDecided = jdbc.queryForObject(
                        "select count(*) from enrolment where program = ? and encounter_id = ?",
                        Integer.class,
                        PROGRAM,
                        encounterId)
                > 0;
        boolean sameStay = sameEncounterDecided
                || jdbc.queryForObject(
                                "select count(*) from enrolment where program = ? and stay_key = ?",
                                Integer.class,
                                PROGRAM,
                                stayKey)
                        > 0;
        Optional<ActiveEnrolment> active = active(patientId, false);
        // the same stay under another id, or an older stay arriving late: the running program stays
        boolean alreadyInProgram = sameStay
                || active.filter(a -> !discharge.isAfter(a.discharge())).isPresent();
        PatientSummary summary = patient.get();
        Integer age = summary.ageOn(discharge.atZone(ZoneOffset.UTC).toLocalDate());
        DischargeFacts facts = new DischargeFacts(
                summary.deceased(),
                age,
                disposition(encounter),
                Duration.between(discharge, now).toHours(),
                summary.mobile() != null,
                // a landline patient is called instead, where automated calls are on
                voice.enabled() && summary.phone() != null,
                alreadyInProgram);
        EligibilityDecision decision = eligibility.decide(facts);
        if (sameEncounterDecided) {
            log.info("Encounter {} written again; patient {} already enrolled", encounterId, patientId);
            ensureCarePlan(encounterId, stayKey);
            return Optional.of(decision);
        }
        Instant admitted = encounter.getPeriod().hasStart()
                ? encounter.getPeriod().getStart().toInstant()
                : discharge;
        // the program's start reads the patient too (its department, the instance's display name): the same record
        Ended ended = patients.knowing(
                record.get(),
                () -> transactions.execute(tx -> {
                    recordDecision(patientId, encounterId, decision, now);
                    if (alreadyInProgram) {
                        return new Ended(null, false);
                    }
                    // a newer stay ends the program of the earlier one, whether or not the new stay enrols
                    ActiveEnrolment earlier = active(patientId, true).orElse(null);
                    if (earlier != null && !discharge.isAfter(earlier.discharge())) {
                        // another node enrolled a stay at least as recent since this one was read: decide again
                        throw new IllegalStateException("A newer enrolment appeared while deciding; retrying");
                    }
                    if (earlier != null) {
                        supersede(earlier, admitted, encounterId, now);
                    }
                    if (!decision.eligible()) {
                        return new Ended(earlier, false);
                    }
                    try {
                        jdbc.update(
                                "insert into enrolment (id, program, patient_id, encounter_id, stay_key, discharge_time, "
                                        + "created_at, active_patient_id) values (?, ?, ?, ?, ?, ?, ?, ?)",
                                enrolmentId,
                                PROGRAM,
                                patientId,
                                encounterId,
                                stayKey,
                                Timestamp.from(discharge),
                                Timestamp.from(now),
                                patientId);
                    } catch (DuplicateKeyException raced) {
                        tx.setRollbackOnly();
                        return new Ended(null, false);
                    }
                    String processInstanceId = runtime.startProcessInstanceByKey(
                                    PROCESS_KEY,
                                    PROGRAM + ":" + encounterId,
                                    Variables.createVariables()
                                            .putValue(ProcessVariables.PATIENT_ID, patientId)
                                            .putValue(ProcessVariables.ENCOUNTER_ID, encounterId)
                                            .putValue(ProcessVariables.ENROLMENT_ID, enrolmentId)
                                            .putValue(ProcessVariables.PROGRAM, PROGRAM)
                                            .putValue(ProcessVariables.DISCHARGE_TIME, discharge.toString()))
                            .getId();
                    jdbc.update(
                            "update enrolment set process_instance_id = ? where id = ?",
                            processInstanceId,
                            enrolmentId);
                    return new Ended(earlier, true);
                }));
        if (ended != null && ended.earlier() != null) {
            recordEnd(ended.earlier().id(), now);
        }
        if (ended != null && ended.enrolled()) {
            fhir.recordEnrolment(
                    enrolmentId, PROGRAM, TITLE, patientId, encounterId, now, CarePlan.CarePlanStatus.ACTIVE, null);
            log.info("Patient {} enrolled in {} for encounter {}", patientId, PROGRAM, encounterId);
        } else {
            log.info("Patient {} not enrolled for encounter {}: {}", patientId, encounterId, decision.reason());
        }
        return Optional.of(decision);
    }

    /** The patient's running enrolment in the program, if any; locked for the caller's transaction when asked. */
    private Optional<ActiveEnrolment> active(String patientId, boolean lock) {
        return jdbc
                .query(
                        "select id, process_instance_id, discharge_time from enrolment "
                                + "where program = ? and active_patient_id = ?" + (lock ? " for update" : ""),
                        (rs, i) -> new ActiveEnrolment(
                                rs.getString("id"),
                                rs.getString("process_instance_id"),
                                rs.getTimestamp("discharge_time").toInstant()),
                        PROGRAM,
                        patientId)
                .stream()
                .findFirst();
    }

    private record ActiveEnrolment(String id, String processInstanceId, Instant discharge) {}

    private record Ended(ActiveEnrolment earlier, boolean enrolled) {}

    private void recordDecision(String patientId, String encounterId, EligibilityDecision decision, Instant now) {
        jdbc.update(
                "insert into enrolment_decision (program, patient_id, encounter_id, eligible, reason, decided_at) "
                        + "values (?, ?, ?, ?, ?, ?)",
                PROGRAM,
                patientId,
                encounterId,
                decision.eligible(),
                decision.reason(),
                Timestamp.from(now));
    }

    /**
     * Ends the earlier program of a patient who has a newer stay: {@code readmitted} when the new stay began within
     * the readmission window of the earlier discharge, else {@code superseded}. Its scheduled and queued messages
     * go with it; a follow-up a person still holds is carried over as a handoff of its own, so nothing a patient
     * told the care team is dropped.
     */
    private void supersede(ActiveEnrolment earlier, Instant admitted, String newEncounterId, Instant now) {
        boolean readmitted = !admitted.isAfter(earlier.discharge().plus(programs.readmissionWindow()));
        String outcome = readmitted ? ProgramOutcome.READMITTED : ProgramOutcome.SUPERSEDED;
        String reason = ProgramOutcome.describe(outcome) + " (encounter " + newEncounterId + ")";
        if (earlier.processInstanceId() != null) {
            openHandoffs.carryOver(earlier.processInstanceId(), reason);
            runtime.deleteProcessInstanceIfExists(earlier.processInstanceId(), reason, false, true, false, false);
        }
        List<String> cancelled = jdbc.queryForList(
                "select id from outbound_message where enrolment_id = ? and status = 'QUEUED'",
                String.class,
                earlier.id());
        for (String messageId : cancelled) {
            if (jdbc.update(
                            "update outbound_message set status = 'CANCELLED', status_detail = ?, updated_at = ? "
                                    + "where id = ? and status = 'QUEUED'",
                            "Program ended: " + outcome,
                            Timestamp.from(now),
                            messageId)
                    == 1) {
                ledger.outboundChanged(messageId);
            }
        }
        jdbc.update(
                "update enrolment set active_patient_id = null, ended_at = ?, outcome = ? where id = ?",
                Timestamp.from(now),
                outcome,
                earlier.id());
        log.info("Enrolment {} ended: {} by encounter {}", earlier.id(), outcome, newEncounterId);
    }

    /** After the commit: the ended program's outcome and its CarePlan, in FHIR. */
    private void recordEnd(String enrolmentId, Instant at) {
        Map<String, Object> row = jdbc.queryForMap(
                "select program, patient_id, encounter_id, created_at, outcome from enrolment where id = ?",
                enrolmentId);
        String outcome = (String) row.get("outcome");
        fhir.recordProgramOutcome(
                enrolmentId,
                (String) row.get("program"),
                (String) row.get("patient_id"),
                (String) row.get("encounter_id"),
                outcome,
                ProgramOutcome.describe(outcome),
                at);
        fhir.recordEnrolment(
                enrolmentId,
                (String) row.get("program"),
                TITLE,
                (String) row.get("patient_id"),
                (String) row.get("encounter_id"),
                ((Timestamp) row.get("created_at")).toInstant(),
                CarePlan.CarePlanStatus.REVOKED,
                at);
    }

    /**
     * An enrolment whose CarePlan write failed after its commit (the FHIR store was down) is completed here, when
     * the stay is read again; without it the Communications that refer to the plan would be refused.
     */
    private void ensureCarePlan(String encounterId, String stayKey) {
        jdbc.queryForList(
                        "select id, patient_id, encounter_id, created_at from enrolment where program = ? and "
                                + "(encounter_id = ? or stay_key = ?)",
                        PROGRAM,
                        encounterId,
                        stayKey)
                .forEach(row -> {
                    String enrolmentId = (String) row.get("id");
                    if (!fhir.carePlanExists(enrolmentId)) {
                        fhir.recordEnrolment(
                                enrolmentId,
                                PROGRAM,
                                TITLE,
                                (String) row.get("patient_id"),
                                (String) row.get("encounter_id"),
                                ((Timestamp) row.get("created_at")).toInstant(),
                                CarePlan.CarePlanStatus.ACTIVE,
                                null);
                        log.info("CarePlan of enrolment {} written on a later reading of the stay", enrolmentId);
                    }
                });
    }

    /**
     * Ends an enrolment: sums up the check-ins into the program's outcome, records it in FHIR as a
     * Communication, and completes (or, after an opt-out, revokes) the enrolment's CarePlan. Idempotent.
     *
     * @return the program outcome code
     */
    public String complete(String enrolmentId, String... checkInOutcomes) {
        String outcome = ProgramOutcome.of(checkInOutcomes);
        java.util.Map<String, Object> enrolment = jdbc.queryForMap(
                "select program, patient_id, encounter_id, created_at from enrolment where id = ?", enrolmentId);
        String program = (String) enrolment.get("program");
        String patientId = (String) enrolment.get("patient_id");
        String encounterId = (String) enrolment.get("encounter_id");
        Instant now = clock.instant();
        String summary = ProgramOutcome.describe(outcome) + " (check-ins: "
                + String.join(
                        ", ",
                        java.util.Arrays.stream(checkInOutcomes)
                                .filter(java.util.Objects::nonNull)
                                .toList())
                + ")";
        jdbc.update(
                "update enrolment set active_patient_id = null, ended_at = ?, outcome = ? where id = ?",
                Timestamp.from(now),
                outcome,
                enrolmentId);
        fhir.recordProgramOutcome(enrolmentId, program, patientId, encounterId, outcome, summary, now);
        fhir.recordEnrolment(
                enrolmentId,
                program,
                TITLE,
                patientId,
                encounterId,
                ((Timestamp) enrolment.get("created_at")).toInstant(),
                ProgramOutcome.OPTED_OUT.equals(outcome) || ProgramOutcome.NO_CONSENT.equals(outcome)
                        ? CarePlan.CarePlanStatus.REVOKED
                        : CarePlan.CarePlanStatus.COMPLETED,
                now);
        log.info("Enrolment {} ended: {}", enrolmentId, outcome);
        return outcome;
    }

    /**
     * The same stay written twice (a retried POST, a re-sent bundle) must not enrol twice: the EHR's
     * identifier of the encounter names the stay; without one, the patient and the discharge time do.
     */
    static String stayKey(Encounter encounter, String patientId) {
        return encounter.getIdentifier().stream()
                .filter(i -> i.hasValue())
                .findFirst()
                .map(i -> "id|" + (i.hasSystem() ? i.getSystem() : "") + "|" + i.getValue())
                .orElseGet(() -> "patient|" + patientId + "|"
                        + encounter.getPeriod().getEnd().toInstant());
    }

    private static String disposition(Encounter encounter) {
        if (!encounter.hasHospitalization() || !encounter.getHospitalization().hasDischargeDisposition()) {
            return null;
        }
        var concept = encounter.getHospitalization().getDischargeDisposition();
        return concept.hasCoding() ? concept.getCodingFirstRep().getCode() : null;
    }
}
