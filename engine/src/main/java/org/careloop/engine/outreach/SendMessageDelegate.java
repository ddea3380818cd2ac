package org.careloop.engine.outreach;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.careloop.processes.ProcessBeans;
import org.careloop.processes.ProcessErrors;
import org.careloop.processes.ProcessVariables;
import org.springframework.stereotype.Component;

/**
 * BPMN: sends the approved template named by the local variable {@code templateId} to the process's
 * patient. Runs after an async continuation, so a failure retries as a job.
 */
@Component(ProcessBeans.SEND_MESSAGE)
class SendMessageDelegate implements JavaDelegate {

    private final OutreachService outreach;

    SendMessageDelegate(OutreachService outreach) {
        this.outreach = outreach;
    }

    @Override
    public void execute(DelegateExecution execution) {
        OutreachService.Result result = outreach.send(new OutreachRequest(
                (String) execution.getVariable(ProcessVariables.PATIENT_ID),
                (String) execution.getVariable(ProcessVariables.TEMPLATE_ID),
                (String) execution.getVariable(ProcessVariables.PROGRAM),
                (String) execution.getVariable(ProcessVariables.ENROLMENT_ID),
                (String) execution.getVariable(ProcessVariables.ENCOUNTER_ID),
                execution.getProcessInstanceId(),
                (String) execution.getVariable(ProcessVariables.REPLY_MESSAGE_ID),
                execution.getVariable(ProcessVariables.APPOINTMENT_START) instanceof String start
                        ? java.time.Instant.parse(start)
                        : null,
                null,
                chosen(
                        execution,
                        ProcessVariables.CHANNEL,
                        "preferred",
                        org.careloop.engine.consent.ContactChannel::ofCode),
                chosen(
                        execution,
                        ProcessVariables.PURPOSE,
                        "program",
                        org.careloop.engine.consent.ContactPurpose::ofCode),
                null));
        execution.setVariableLocal(ProcessVariables.OUTREACH_RESULT, result.name());
        boolean programMessage = execution.getVariable(ProcessVariables.REPLY_MESSAGE_ID) == null;
        if (programMessage
                && (result == OutreachService.Result.NO_CONSENT || result == OutreachService.Result.OPTED_OUT)) {
            // the model decides what a program does for a patient it may not message
            throw new org.camunda.bpm.engine.delegate.BpmnError(
                    ProcessErrors.NO_CONSENT, "The patient has not consented to this program's messages");
        }
    }

    /**
     * What the step chose in an input parameter: null where it names none or the default; a value that names nothing
     * known stops the step (an incident), rather than a message going where nobody meant it to.
     */
    private static <T> T chosen(
            DelegateExecution execution,
            String parameter,
            String byDefault,
            java.util.function.Function<String, java.util.Optional<T>> parse) {
        Object value = execution.getVariableLocal(parameter);
        if (value == null || value.toString().isBlank() || byDefault.equals(value.toString())) {
            return null;
        }
        return parse.apply(value.toString())
                .orElseThrow(() -> new IllegalStateException(
                        "The step's " + parameter + " '" + value + "' is not one CareLoop knows"));
    }
}
