package org.careloop.engine.triage;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.careloop.rules.triage.TriageDecision;
import org.careloop.rules.triage.ReplyTriage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * BPMN: reads {@code replyBody} with the Drools triage rules and writes the decision as variables the
 * model routes on: {@code triageAction}, {@code triageSeverity}, {@code handoffTeam},
 * {@code handoffPriority}, {@code handoffReason}, {@code ackTemplate}.
 */
@Component("triageReplyDelegate")
class TriageReplyDelegate implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(TriageReplyDelegate.class);

    private final ReplyTriage triage;

    TriageReplyDelegate(ReplyTriage triage) {
        this.triage = triage;
    }

    @Override
    public void execute(DelegateExecution execution) {
        TriageDecision decision = triage.triage((String) execution.getVariable("replyBody"));
        execution.setVariable("triageAction", decision.action().code());
        execution.setVariable("triageSeverity", decision.severity().name());
        execution.setVariable("handoffTeam", decision.team());
        execution.setVariable("handoffPriority", decision.priority());
        execution.setVariable("handoffReason", decision.reasonText());
        execution.setVariable("ackTemplate", decision.acknowledgement());
        log.info("Reply {} triaged as {} / {}", execution.getVariable("replyMessageId"), decision.action(), decision.severity());
    }

}
