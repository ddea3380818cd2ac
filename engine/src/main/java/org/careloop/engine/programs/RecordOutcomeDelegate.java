package org.careloop.engine.programs;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN: the program's end. Hands the check-in outcomes to the enrolment service, which records the
 * program outcome in FHIR. Async before, so a FHIR failure retries as a job.
 */
@Component("recordOutcomeDelegate")
class RecordOutcomeDelegate implements JavaDelegate {

    private final EnrolmentService enrolments;

    RecordOutcomeDelegate(EnrolmentService enrolments) {
        this.enrolments = enrolments;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String outcome = enrolments.complete((String) execution.getVariable("enrolmentId"),
                (String) execution.getVariable("firstCheckInOutcome"),
                (String) execution.getVariable("secondCheckInOutcome"));
        execution.setVariable("programOutcome", outcome);
    }
}
