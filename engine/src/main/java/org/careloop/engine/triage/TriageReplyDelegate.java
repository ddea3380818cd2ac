package org.careloop.engine.triage;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.careloop.engine.fhir.PatientDirectory;
import org.careloop.processes.ProcessBeans;
import org.careloop.processes.ProcessVariables;
import org.careloop.rules.triage.ReplyTriage;
import org.careloop.rules.triage.TriageDecision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * BPMN: reads {@code replyBody} with the Drools triage rules and writes the decision as variables the
 * model routes on: {@code triageAction}, {@code triageSeverity}, {@code handoffTeam},
 * {@code handoffPriority}, {@code handoffReason}, {@code ackTemplate}. The patient's preferred language helps read
 * shorthand; {@code clarificationsAsked} counts the clarifying questions this conversation asked (one at most).
 */
@Component(ProcessBeans.TRIAGE_REPLY)
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
        String patientId = (String) execution.getVariable(ProcessVariables.PATIENT_ID);
        Object asked = execution.getVariable(ProcessVariables.CLARIFICATIONS_ASKED);
        int clarificationsAsked = asked instanceof Number n ? n.intValue() : 0;
        // the patient's record is read for their language only when a word of the reply is shorthand
        TriageDecision decision = triage.triageAsking(
                (String) execution.getVariable(ProcessVariables.REPLY_BODY),
                () -> patients.language(patientId),
                clarificationsAsked);
        if (decision.action() == org.careloop.rules.triage.TriageAction.CLARIFY) {
            execution.setVariable(ProcessVariables.CLARIFICATIONS_ASKED, clarificationsAsked + 1);
        }
        execution.setVariable(ProcessVariables.TRIAGE_ACTION, decision.action().code());
        execution.setVariable(
                ProcessVariables.TRIAGE_SEVERITY, decision.severity().name());
        new org.careloop.engine.handoff.ReplyRoute(
                        decision.acknowledgement(), decision.team(), decision.priority(), decision.reasonText())
                .applyTo(execution);
        log.info(
                "Reply {} triaged as {} / {}",
                execution.getVariable(ProcessVariables.REPLY_MESSAGE_ID),
                decision.action(),
                decision.severity());
    }
}
