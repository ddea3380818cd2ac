package org.careloop.engine.outreach;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN: sends the approved template named by the local variable {@code templateId} to the process's
 * patient. Runs after an async continuation, so a failure retries as a job.
 */
@Component("sendMessageDelegate")
class SendMessageDelegate implements JavaDelegate {

    private final OutreachService outreach;

    SendMessageDelegate(OutreachService outreach) {
        this.outreach = outreach;
    }

    @Override
    public void execute(DelegateExecution execution) {
        OutreachService.Result result = outreach.send(new OutreachRequest(
                (String) execution.getVariable("patientId"),
                (String) execution.getVariable("templateId"),
                (String) execution.getVariable("program"),
                (String) execution.getVariable("enrolmentId"),
                (String) execution.getVariable("encounterId"),
                execution.getProcessInstanceId(),
                (String) execution.getVariable("replyMessageId")));
        execution.setVariableLocal("outreachResult", result.name());
    }
}
