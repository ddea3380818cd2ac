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
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.careloop.engine.fhir.FhirRecords;
import org.careloop.engine.fhir.PatientDirectory;
import org.careloop.engine.fhir.PatientSummary;
import org.careloop.engine.outbox.OutboxHandler;
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

    EnrolmentService(
            DaoRegistry daos,
            PatientDirectory patients,
            PostDischargeEligibility eligibility,
            @Qualifier("engineJdbc") JdbcTemplate jdbc,
            @Qualifier("engineTransactions") TransactionTemplate transactions,
            RuntimeService runtime,
            FhirRecords fhir,
            Clock clock) {
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
        consider(event.encounterId());
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
        Optional<PatientSummary> patient = patients.find(patientId);
        if (patient.isEmpty()) {
            return Optional.empty();
        }
        Instant discharge = encounter.getPeriod().getEnd().toInstant();
        Instant now = clock.instant();
        String enrolmentId = PROGRAM + "-" + encounterId;
        String stayKey = stayKey(encounter, patientId);
        boolean alreadyEnrolled = jdbc.queryForObject(
                        "select count(*) from enrolment where program = ? and " + "(encounter_id = ? or stay_key = ?)",
                        Integer.class,
                        PROGRAM,
                        encounterId,
                        stayKey)
                > 0;
        PatientSummary summary = patient.get();
        Integer age = summary.ageOn(discharge.atZone(ZoneOffset.UTC).toLocalDate());
        DischargeFacts facts = new DischargeFacts(
                summary.deceased(),
                age,
                disposition(encounter),
                Duration.between(discharge, now).toHours(),
                summary.mobile() != null,
                alreadyEnrolled);
        EligibilityDecision decision = eligibility.decide(facts);
        if (alreadyEnrolled) {
            log.info("Encounter {} written again; patient {} already enrolled", encounterId, patientId);
            ensureCarePlan(encounterId, stayKey);
            return Optional.of(decision);
        }
        boolean enrolled = Boolean.TRUE.equals(transactions.execute(tx -> {
            jdbc.update(
                    "insert into enrolment_decision (program, patient_id, encounter_id, eligible, reason, decided_at) "
                            + "values (?, ?, ?, ?, ?, ?)",
                    PROGRAM,
                    patientId,
                    encounterId,
                    decision.eligible(),
                    decision.reason(),
                    Timestamp.from(now));
            if (!decision.eligible()) {
                return false;
            }
            try {
                jdbc.update(
                        "insert into enrolment (id, program, patient_id, encounter_id, stay_key, discharge_time, created_at) "
                                + "values (?, ?, ?, ?, ?, ?, ?)",
                        enrolmentId,
                        PROGRAM,
                        patientId,
                        encounterId,
                        stayKey,
                        Timestamp.from(discharge),
                        Timestamp.from(now));
            } catch (DuplicateKeyException raced) {
                tx.setRollbackOnly();
                return false;
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
            jdbc.update("update enrolment set process_instance_id = ? where id = ?", processInstanceId, enrolmentId);
            return true;
        }));
        if (enrolled) {
            fhir.recordEnrolment(
                    enrolmentId, PROGRAM, TITLE, patientId, encounterId, now, CarePlan.CarePlanStatus.ACTIVE, null);
            log.info("Patient {} enrolled in {} for encounter {}", patientId, PROGRAM, encounterId);
        } else {
            log.info("Patient {} not enrolled for encounter {}: {}", patientId, encounterId, decision.reason());
        }
        return Optional.of(decision);
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
        fhir.recordProgramOutcome(enrolmentId, program, patientId, encounterId, outcome, summary, now);
        fhir.recordEnrolment(
                enrolmentId,
                program,
                TITLE,
                patientId,
                encounterId,
                ((Timestamp) enrolment.get("created_at")).toInstant(),
                ProgramOutcome.OPTED_OUT.equals(outcome)
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
