package org.careloop.engine.programs;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.careloop.engine.fhir.FhirRecords;
import org.hl7.fhir.r4.model.CarePlan;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * BPMN: the program's end. Sums up the check-ins into one outcome, writes it to FHIR as a
 * Communication, and completes the enrolment's CarePlan. Async before, so a FHIR failure retries.
 */
@Component("recordOutcomeDelegate")
class RecordOutcomeDelegate implements JavaDelegate {

    private final FhirRecords fhir;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    RecordOutcomeDelegate(FhirRecords fhir, @Qualifier("engineJdbc") JdbcTemplate jdbc, Clock clock) {
        this.fhir = fhir;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String first = (String) execution.getVariable("firstCheckInOutcome");
        String second = (String) execution.getVariable("secondCheckInOutcome");
        String outcome = ProgramOutcome.of(first, second);
        String enrolmentId = (String) execution.getVariable("enrolmentId");
        Map<String, Object> enrolment = jdbc.queryForMap("select patient_id, encounter_id, created_at from enrolment where id = ?", enrolmentId);
        Instant now = clock.instant();
        String summary = ProgramOutcome.describe(outcome) + " (first check-in: " + first
                + (second == null ? "" : "; day-7 check-in: " + second) + ")";
        fhir.recordProgramOutcome(enrolmentId, (String) execution.getVariable("program"),
                (String) enrolment.get("patient_id"), (String) enrolment.get("encounter_id"), outcome, summary, now);
        fhir.recordEnrolment(enrolmentId, (String) execution.getVariable("program"), EnrolmentService.TITLE,
                (String) enrolment.get("patient_id"), (String) enrolment.get("encounter_id"),
                ((Timestamp) enrolment.get("created_at")).toInstant(),
                "opted-out".equals(outcome) ? CarePlan.CarePlanStatus.REVOKED : CarePlan.CarePlanStatus.COMPLETED, now);
        execution.setVariable("programOutcome", outcome);
    }
}
