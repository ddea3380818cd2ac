package org.careloop.engine.chronic;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.careloop.engine.fhir.FhirRecords;
import org.careloop.engine.fhir.PatientDirectory;
import org.careloop.engine.fhir.PatientSummary;
import org.careloop.engine.handoff.OpenHandoffs;
import org.careloop.engine.outbox.OutboxHandler;
import org.careloop.processes.ProcessVariables;
import org.careloop.rules.chronic.ChronicEnrolment;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.IdType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts and ends chronic-disease check-ins as the EHR writes Conditions. An active condition CareLoop follows is
 * decided by the DMN {@code chronic-enrolment} (what to ask, how often); an enrolled patient gets a CarePlan and the
 * first cycle at once, one program per patient and condition at a time. A condition that is resolved, inactive or in
 * remission ends its program: a follow-up a person still holds moves to a handoff of its own first.
 */
@Service
public class ChronicEnrolments implements OutboxHandler<ConditionWritten> {

    private static final Logger log = LoggerFactory.getLogger(ChronicEnrolments.class);
    static final String PROCESS_KEY = "program-chronic-checkin";
    static final String TITLE = "Chronic-disease check-in";

    private final DaoRegistry daos;
    private final PatientDirectory patients;
    private final ChronicEnrolment decision;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final RuntimeService runtime;
    private final FhirRecords fhir;
    private final OpenHandoffs openHandoffs;
    private final Clock clock;

    private final org.careloop.engine.config.VoiceProperties voice;

    ChronicEnrolments(
            DaoRegistry daos,
            PatientDirectory patients,
            ChronicEnrolment decision,
            @Qualifier("engineJdbc") JdbcTemplate jdbc,
            @Qualifier("engineTransactions") TransactionTemplate transactions,
            RuntimeService runtime,
            FhirRecords fhir,
            OpenHandoffs openHandoffs,
            Clock clock,
            org.careloop.engine.config.VoiceProperties voice) {
        this.voice = voice;
        this.daos = daos;
        this.patients = patients;
        this.decision = decision;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.runtime = runtime;
        this.fhir = fhir;
        this.openHandoffs = openHandoffs;
        this.clock = clock;
    }

    @Override
    public Class<ConditionWritten> eventType() {
        return ConditionWritten.class;
    }

    @Override
    public void handle(ConditionWritten event) {
        Condition condition;
        try {
            condition = daos.getResourceDao(Condition.class)
                    .read(new IdType("Condition", event.conditionId()), new SystemRequestDetails());
        } catch (ResourceNotFoundException | ResourceGoneException gone) {
            endFor(event.conditionId(), "condition-removed");
            return;
        }
        String category = ChronicConditions.category(condition);
        if (category == null) {
            return;
        }
        if (!ChronicConditions.active(condition)) {
            endFor(event.conditionId(), "condition-resolved");
            return;
        }
        String patientId = condition.getSubject().getReferenceElement().getIdPart();
        String program = "chronic-" + category;
        if (activeEnrolment(program, patientId).isPresent()) {
            return;
        }
        Optional<org.hl7.fhir.r4.model.Patient> record = patients.record(patientId);
        Optional<PatientSummary> patient = record.map(patients::summarise);
        if (patient.isEmpty()) {
            return;
        }
        ChronicEnrolment.Decision decided = decision.decide(new ChronicEnrolment.Facts(
                category,
                ChronicConditions.uncontrolled(condition),
                patient.get().deceased(),
                patient.get().mobile() != null,
                // with calls on, a home phone is enough: the check-ins have voice scripts (readings on the keypad)
                voice.enabled() && patient.get().phone() != null));
        Instant now = clock.instant();
        // the id names no condition: it appears in logs
        String enrolmentId = "chronic-" + UUID.randomUUID().toString().substring(0, 18);
        // the first cycle's start reads the patient too (its department, the instance's display name): the same record
        Boolean enrolled = patients.knowing(
                record.get(),
                () -> transactions.execute(tx -> {
                    jdbc.update(
                            "insert into enrolment_decision (program, patient_id, condition_id, eligible, reason, decided_at) "
                                    + "values (?, ?, ?, ?, ?, ?)",
                            program,
                            patientId,
                            event.conditionId(),
                            decided.enrol(),
                            decided.reason(),
                            Timestamp.from(now));
                    if (!decided.enrol()) {
                        return false;
                    }
                    try {
                        jdbc.update(
                                "insert into enrolment (id, program, patient_id, condition_id, stay_key, created_at, "
                                        + "active_patient_id, measure, cadence) values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                enrolmentId,
                                program,
                                patientId,
                                event.conditionId(),
                                "chronic|" + enrolmentId,
                                Timestamp.from(now),
                                patientId,
                                decided.measure(),
                                decided.cadence());
                    } catch (DuplicateKeyException alreadyRunning) {
                        tx.setRollbackOnly();
                        return false;
                    }
                    String instance =
                            startCycle(enrolmentId, program, patientId, decided.measure(), decided.cadence(), now);
                    jdbc.update("update enrolment set process_instance_id = ? where id = ?", instance, enrolmentId);
                    return true;
                }));
        if (Boolean.TRUE.equals(enrolled)) {
            fhir.recordCarePlan(
                    enrolmentId,
                    program,
                    TITLE,
                    patientId,
                    "Condition/" + event.conditionId(),
                    now,
                    CarePlan.CarePlanStatus.ACTIVE,
                    null);
            log.info("Chronic check-in enrolment {} started", enrolmentId);
        } else {
            log.info("A chronic condition was written; no check-in was started");
        }
    }

    /** Starts one cycle; each cycle is its own process instance, so history stays bounded. */
    String startCycle(
            String enrolmentId, String program, String patientId, String measure, String cadence, Instant due) {
        VariableMap variables = Variables.createVariables()
                .putValue(ProcessVariables.PATIENT_ID, patientId)
                .putValue(ProcessVariables.ENROLMENT_ID, enrolmentId)
                .putValue(ProcessVariables.PROGRAM, program)
                .putValue(ProcessVariables.MEASURE, measure)
                .putValue(ProcessVariables.CADENCE, cadence)
                .putValue(ProcessVariables.CYCLE_DUE, due.toString())
                .putValue(ProcessVariables.ASK_TEMPLATE, "chronic-ask-" + measure)
                .putValue(
                        ProcessVariables.REPLY_TIMEOUT,
                        Duration.parse(cadence).compareTo(Duration.ofDays(1)) <= 0 ? "PT12H" : "P1D");
        return runtime.startProcessInstanceByKey(PROCESS_KEY, program + ":" + enrolmentId, variables)
                .getId();
    }

    private Optional<Map<String, Object>> activeEnrolment(String program, String patientId) {
        return jdbc
                .queryForList(
                        "select id, process_instance_id from enrolment where program = ? and active_patient_id = ?",
                        program,
                        patientId)
                .stream()
                .findFirst();
    }

    /** Ends the running program of a condition that no longer calls for it. */
    private void endFor(String conditionId, String outcome) {
        List<Map<String, Object>> running = jdbc.queryForList(
                "select id, program from enrolment where condition_id = ? and active_patient_id is not null",
                conditionId);
        for (Map<String, Object> enrolment : running) {
            String enrolmentId = (String) enrolment.get("id");
            transactions.executeWithoutResult(tx -> {
                // every cycle still running: the current one, and earlier ones a person is still following up
                for (var cycle : runtime.createProcessInstanceQuery()
                        .processDefinitionKey(PROCESS_KEY)
                        .processInstanceBusinessKey(enrolment.get("program") + ":" + enrolmentId)
                        .list()) {
                    openHandoffs.carryOver(cycle.getId(), "The condition is no longer active");
                    runtime.deleteProcessInstanceIfExists(
                            cycle.getId(), "Condition no longer active", false, true, false, false);
                }
                close(enrolmentId, outcome);
            });
            recordEnd(enrolmentId);
        }
    }

    /** Marks an enrolment ended; part of the caller's transaction. */
    void close(String enrolmentId, String outcome) {
        jdbc.update(
                "update enrolment set active_patient_id = null, ended_at = ?, outcome = ? where id = ?",
                Timestamp.from(clock.instant()),
                outcome,
                enrolmentId);
    }

    /** After the commit: the program's outcome with its adherence, and its CarePlan, in FHIR. */
    void recordEnd(String enrolmentId) {
        Map<String, Object> row = jdbc.queryForMap(
                "select program, patient_id, condition_id, created_at, outcome, asked, answered from enrolment "
                        + "where id = ?",
                enrolmentId);
        int asked = ((Number) row.get("asked")).intValue();
        int answered = ((Number) row.get("answered")).intValue();
        String outcome = (String) row.get("outcome");
        String summary = "Program ended: " + outcome + "; check-ins answered " + answered + " of " + asked
                + (asked == 0 ? "" : " (" + Math.round(100.0 * answered / asked) + "% adherence)");
        Instant now = clock.instant();
        fhir.recordProgramOutcome(
                enrolmentId, (String) row.get("program"), (String) row.get("patient_id"), null, outcome, summary, now);
        fhir.recordCarePlan(
                enrolmentId,
                (String) row.get("program"),
                TITLE,
                (String) row.get("patient_id"),
                "Condition/" + row.get("condition_id"),
                ((Timestamp) row.get("created_at")).toInstant(),
                "opted-out".equals(outcome) || "no-consent".equals(outcome)
                        ? CarePlan.CarePlanStatus.REVOKED
                        : CarePlan.CarePlanStatus.COMPLETED,
                now);
        log.info("Chronic check-in enrolment {} ended", enrolmentId);
    }
}
