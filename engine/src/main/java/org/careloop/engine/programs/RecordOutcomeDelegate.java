package org.careloop.engine.programs;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.careloop.processes.ProcessBeans;
import org.careloop.processes.ProcessVariables;
import org.springframework.stereotype.Component;

/**
 * BPMN: the program's end. Hands the check-in outcomes to the enrolment service, which records the
 * program outcome in FHIR. Async before, so a FHIR failure retries as a job.
 */
@Component(ProcessBeans.RECORD_OUTCOME)
class RecordOutcomeDelegate implements JavaDelegate {

    private final EnrolmentService enrolments;

    RecordOutcomeDelegate(EnrolmentService enrolments) {
        this.enrolments = enrolments;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String outcome = enrolments.complete(
                (String) execution.getVariable(ProcessVariables.ENROLMENT_ID),
                (String) execution.getVariable(ProcessVariables.FIRST_CHECK_IN_OUTCOME),
                (String) execution.getVariable(ProcessVariables.SECOND_CHECK_IN_OUTCOME));
        execution.setVariable(ProcessVariables.PROGRAM_OUTCOME, outcome);
    }
}
