package org.careloop.engine.caregaps;

import java.sql.Timestamp;
import java.time.Clock;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.careloop.engine.fhir.FhirRecords;
import org.careloop.engine.fhir.FhirWriteEvents;
import org.careloop.engine.fhir.PatientDirectory;
import org.careloop.engine.outbox.Lane;
import org.careloop.engine.outbox.OutboxEvent;
import org.careloop.engine.outbox.OutboxHandler;
import org.careloop.fhir.security.CareLoopRecords;
import org.careloop.processes.ProcessBeans;
import org.careloop.processes.ProcessVariables;
import org.careloop.rules.CareRules;
import org.careloop.rules.caregap.CareGapDue;
import org.careloop.rules.triage.ReplyTriage;
import org.careloop.rules.triage.TriageDecision;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The care-gap program's parts: its decision, the BPMN delegates (the rule set {@code care-gap-reply.drl} routes a
 * reply: to the schedulers, anything urgent to the team the triage names; the outcome is recorded), and the listener that re-decides a patient's open gaps when care is
 * recorded for them.
 */
@Configuration(proxyBeanMethods = false)
class CareGapWiring {

    /** Care was recorded for a patient with open gaps: the gaps are decided again. */
    @OutboxEvent.Kind(value = "care-recorded", lane = Lane.ENROLMENT)
    record CareRecorded(String patientId) implements OutboxEvent {
        @Override
        public String orderingKey() {
            return "patient/" + patientId;
        }
    }

    @Bean
    CareGapDue careGapDue(CareRules rules) {
        return rules.careGapDue();
    }

    @Bean(ProcessBeans.CARE_GAP_REPLY)
    JavaDelegate careGapReplyDelegate(ReplyTriage triage, CareRules rules, PatientDirectory patients) {
        org.careloop.rules.caregap.CareGapReplies replies = rules.careGapReplies();
        return execution -> {
            TriageDecision triaged = triage.triage(
                    (String) execution.getVariable(ProcessVariables.REPLY_BODY),
                    patients.language((String) execution.getVariable(ProcessVariables.PATIENT_ID)),
                    0);
            var answer = replies.decide(triaged, (String) execution.getVariable(ProcessVariables.CARE_GAP));
            execution.setVariable(
                    ProcessVariables.TRIAGE_ACTION, triaged.action().code());
            new org.careloop.engine.handoff.ReplyRoute(
                            answer.acknowledgement(), answer.team(), answer.priority(), answer.reason())
                    .applyTo(execution);
        };
    }

    @Bean(ProcessBeans.CARE_GAP_OUTCOME)
    JavaDelegate careGapOutcomeDelegate(@Qualifier("engineJdbc") JdbcTemplate jdbc, FhirRecords fhir, Clock clock) {
        return execution -> {
            String patientId = (String) execution.getVariable(ProcessVariables.PATIENT_ID);
            String gap = (String) execution.getVariable(ProcessVariables.CARE_GAP);
            String outcome = (String) execution.getVariable(ProcessVariables.PROGRAM_OUTCOME);
            jdbc.update(
                    "update care_gap set status = ?, outcome = ?, closed_at = ? where patient_id = ? and gap = ? "
                            + "and process_instance_id = ?",
                    "closed".equals(outcome) ? "CLOSED" : "LAPSED",
                    outcome,
                    Timestamp.from(clock.instant()),
                    patientId,
                    gap,
                    execution.getProcessInstanceId());
            fhir.recordCareGapOutcome(
                    execution.getProcessInstanceId(),
                    patientId,
                    CareGaps.PROGRAM,
                    gap,
                    outcome,
                    "Care gap " + gap + ": "
                            + switch (outcome) {
                                case "closed" -> "closed";
                                case "no-consent" -> "not invited: the patient has not consented to be texted for it";
                                default -> "not closed within 30 days";
                            },
                    clock.instant());
        };
    }

    @Bean
    FhirWriteEvents careRecordedWrites(@Qualifier("engineJdbc") JdbcTemplate jdbc) {
        return written -> {
            if (CareLoopRecords.isMarked(written)) {
                return null;
            }
            Reference subject = written instanceof Procedure p
                    ? p.getSubject()
                    : written instanceof Observation o
                            ? o.getSubject()
                            : written instanceof DiagnosticReport d
                                    ? d.getSubject()
                                    : written instanceof Immunization i
                                            ? i.getPatient()
                                            : written instanceof Encounter e ? e.getSubject() : null;
            if (subject == null || !subject.hasReferenceElement()) {
                return null;
            }
            String patientId = subject.getReferenceElement().getIdPart();
            // only patients with an open gap: an index lookup, so a busy feed does not flood the outbox
            return jdbc.queryForObject(
                                    "select count(*) from care_gap where patient_id = ? and status = 'OPEN'",
                                    Integer.class,
                                    patientId)
                            > 0
                    ? new CareRecorded(patientId)
                    : null;
        };
    }

    @Bean
    OutboxHandler<CareRecorded> careRecordedHandler(CareGaps gaps) {
        return new OutboxHandler<>() {
            @Override
            public Class<CareRecorded> eventType() {
                return CareRecorded.class;
            }

            @Override
            public void handle(CareRecorded event) {
                gaps.sweepPatient(event.patientId());
            }
        };
    }
}
