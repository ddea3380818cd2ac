package org.careloop.engine.triage;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.careloop.engine.fhir.PatientDirectory;
import org.careloop.rules.triage.TriageDecision;
import org.careloop.rules.triage.ReplyTriage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * BPMN: reads {@code replyBody} with the Drools triage rules and writes the decision as variables the
 * model routes on: {@code triageAction}, {@code triageSeverity}, {@code handoffTeam},
 * {@code handoffPriority}, {@code handoffReason}, {@code ackTemplate}. The patient's preferred language helps read
 * shorthand; {@code clarificationsAsked} counts the clarifying questions this conversation asked (one at most).
 */
@Component("triageReplyDelegate")
class TriageReplyDelegate implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(TriageReplyDelegate.class);

    private final ReplyTriage triage;
    private final PatientDirectory patients;

    TriageReplyDelegate(ReplyTriage triage, PatientDirectory patients) {
        this.triage = triage;
        this.patients = patients;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String patientId = (String) execution.getVariable("patientId");
        String language = patientId == null ? null : patients.find(patientId).map(p -> p.language()).orElse(null);
        Object asked = execution.getVariable("clarificationsAsked");
        int clarificationsAsked = asked instanceof Number n ? n.intValue() : 0;
        TriageDecision decision = triage.triage((String) execution.getVariable("replyBody"), language, clarificationsAsked);
        if (decision.action() == org.careloop.rules.triage.TriageAction.CLARIFY) {
            execution.setVariable("clarificationsAsked", clarificationsAsked + 1);
        }
        execution.setVariable("triageAction", decision.action().code());
        execution.setVariable("triageSeverity", decision.severity().name());
        execution.setVariable("handoffTeam", decision.team());
        execution.setVariable("handoffPriority", decision.priority());
        execution.setVariable("handoffReason", decision.reasonText());
        execution.setVariable("ackTemplate", decision.acknowledgement());
        log.info("Reply {} triaged as {} / {}", execution.getVariable("replyMessageId"), decision.action(), decision.severity());
    }

}
