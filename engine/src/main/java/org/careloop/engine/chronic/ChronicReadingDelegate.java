package org.careloop.engine.chronic;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.careloop.engine.fhir.FhirRecords;
import org.careloop.engine.fhir.PatientDirectory;
import org.careloop.processes.ProcessBeans;
import org.careloop.processes.ProcessVariables;
import org.careloop.rules.chronic.CheckInReplies;
import org.careloop.rules.chronic.JudgedReading;
import org.careloop.rules.chronic.Reading;
import org.careloop.rules.chronic.ReadingThresholds;
import org.careloop.rules.chronic.Readings;
import org.careloop.rules.triage.ProgramAnswer;
import org.careloop.rules.triage.ReplyTriage;
import org.careloop.rules.triage.TriageAction;
import org.careloop.rules.triage.TriageDecision;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * BPMN: reads a reply to a chronic check-in. The value asked for becomes a FHIR Observation, judged by the DMN
 * {@code reading-thresholds} (weight against the patient's own readings of the past week); the whole reply is also
 * read by the reply triage, so a red flag next to a number is never missed. The rule set {@code checkin-reply.drl}
 * decides the answer and the handoff from both (the more urgent first). Counts the check-in as answered.
 */
@Component(ProcessBeans.CHRONIC_READING)
class ChronicReadingDelegate implements JavaDelegate {

    private static final Readings READINGS = new Readings();

    private final ReplyTriage triage;
    private final CheckInReplies replies;
    private final ReadingThresholds thresholds;
    private final PatientDirectory patients;
    private final FhirRecords fhir;
    private final WeightHistory weights;
    private final org.careloop.engine.departments.Departments departments;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    ChronicReadingDelegate(
            ReplyTriage triage,
            CheckInReplies replies,
            ReadingThresholds thresholds,
            PatientDirectory patients,
            FhirRecords fhir,
            WeightHistory weights,
            org.careloop.engine.departments.Departments departments,
            @Qualifier("engineJdbc") JdbcTemplate jdbc,
            Clock clock) {
        this.triage = triage;
        this.replies = replies;
        this.thresholds = thresholds;
        this.patients = patients;
        this.fhir = fhir;
        this.weights = weights;
        this.departments = departments;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String patientId = (String) execution.getVariable(ProcessVariables.PATIENT_ID);
        String body = (String) execution.getVariable(ProcessVariables.REPLY_BODY);
        String measure = (String) execution.getVariable(ProcessVariables.MEASURE);
        String language = patients.language(patientId);
        // not asked to say more yet: a bare reading the triage cannot place is not a question for a person
        TriageDecision triaged = triage.triage(body, language, 0);
        Optional<Reading> reading = READINGS.read(body, measure, language);
        JudgedReading judged = null;
        if (triaged.action() != TriageAction.OPT_OUT && reading.isPresent()) {
            Instant now = clock.instant();
            Reading value = reading.get();
            ReadingThresholds.Verdict verdict = weights.judge(
                    thresholds,
                    patientId,
                    value,
                    now,
                    departments.of(patients.find(patientId).orElse(null)).id());
            fhir.recordReading(
                    (String) execution.getVariable(ProcessVariables.REPLY_MESSAGE_ID),
                    patientId,
                    value.kind(),
                    value.value(),
                    value.second(),
                    value.unit(),
                    now);
            judged = JudgedReading.of(verdict, describe(value));
        }
        ProgramAnswer answer = replies.decide(triaged, judged);
        execution.setVariable(ProcessVariables.TRIAGE_ACTION, triaged.action().code());
        new org.careloop.engine.handoff.ReplyRoute(
                        answer.acknowledgement(), answer.team(), answer.priority(), answer.reason())
                .applyTo(execution);
        jdbc.update(
                "update enrolment set asked = asked + 1, answered = answered + 1, missed_in_row = 0 where id = ?",
                execution.getVariable(ProcessVariables.ENROLMENT_ID));
    }

    private static String describe(Reading value) {
        return switch (value.kind()) {
            case "blood-pressure" -> Math.round(value.value()) + "/" + Math.round(value.second()) + " mmHg";
            case "glucose" -> Math.round(value.value()) + " mg/dL";
            default -> value.value() + " " + value.unit();
        };
    }
}
