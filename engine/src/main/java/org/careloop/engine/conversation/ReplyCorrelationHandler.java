package org.careloop.engine.conversation;

import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.careloop.engine.outbox.OutboxHandler;
import org.careloop.engine.outreach.OutreachRequest;
import org.careloop.engine.outreach.OutreachService;
import org.careloop.processes.ProcessVariables;
import org.careloop.rules.triage.ReplyText;
import org.careloop.rules.triage.ReplyTriage;
import org.careloop.rules.triage.TriageAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records a received reply as a FHIR Communication and hands it to its care program: as the message
 * {@code PatientReply} to the conversation waiting for it, or, when none waits, by starting the
 * check-in conversation at its {@code UnpromptedReply} start so the same triage and handoff apply, also for a
 * patient no program follows any more, whenever the rules say a person must read the reply.
 */
@Component
class ReplyCorrelationHandler implements OutboxHandler<ReplyReceived> {

    private static final Logger log = LoggerFactory.getLogger(ReplyCorrelationHandler.class);
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final RuntimeService runtime;
    private final OutreachService outreach;
    private final ReplyTriage triage;

    private final org.careloop.engine.crypto.PhiCipher cipher;
    private final AnswerJobs answers;

    ReplyCorrelationHandler(
            @Qualifier("engineJdbc") JdbcTemplate jdbc,
            @Qualifier("engineTransactions") TransactionTemplate transactions,
            RuntimeService runtime,
            OutreachService outreach,
            ReplyTriage triage,
            org.careloop.engine.crypto.PhiCipher cipher,
            AnswerJobs answers) {
        this.cipher = cipher;
        this.answers = answers;
        this.triage = triage;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.runtime = runtime;
        this.outreach = outreach;
    }

    @Override
    public Class<ReplyReceived> eventType() {
        return ReplyReceived.class;
    }

    @Override
    public void handle(ReplyReceived event) {
        String inboundId = event.inboundId();
        // the answer's job runs here once the reply's work has committed, not after the job executor's queue
        answers.run(transactions.execute(tx -> answers.hold(correlate(inboundId))));
    }

    /** A reply outside any program still reaches a person when the rules say it needs one. */
    private boolean needsAPerson(String body) {
        TriageAction action = triage.triage(body, null, 1).action();
        return action == TriageAction.URGENT || action == TriageAction.ROUTINE;
    }

    /** @return the process instance the reply went to, or null */
    private String correlate(String inboundId) {
        Map<String, Object> reply = jdbc.queryForMap(
                "select i.status, i.body, i.patient_id, i.in_response_to, "
                        + "o.process_instance_id, o.enrolment_id, o.program, e.encounter_id, e.discharge_time, "
                        // a program started for a stay is keyed by the stay; any other by its enrolment
                        + "coalesce(e.encounter_id, e.id) as program_key "
                        + "from inbound_message i join outbound_message o on o.id = i.in_response_to "
                        + "left join enrolment e on e.id = o.enrolment_id where i.id = ?",
                inboundId);
        // the row map (case-insensitive, mutable) carries the reply as text from here on
        reply.put("body", cipher.open((String) reply.get("body"), org.careloop.engine.crypto.PhiCipher.INBOUND_BODY));
        // claim: only one node routes a reply; a failure below rolls the claim back for a retry
        if (jdbc.update(
                        "update inbound_message set status = 'PROCESSED' where id = ? and status = 'RECEIVED'",
                        inboundId)
                == 0) {
            return null;
        }
        String waiting = (String) reply.get("process_instance_id");
        String routedTo;
        if (waiting != null
                && runtime.createEventSubscriptionQuery()
                                .processInstanceId(waiting)
                                .eventType("message")
                                .eventName("PatientReply")
                                .count()
                        > 0) {
            runtime.createMessageCorrelation("PatientReply")
                    .processInstanceId(waiting)
                    .setVariable(ProcessVariables.REPLY_BODY, reply.get("body"))
                    .setVariable(ProcessVariables.REPLY_MESSAGE_ID, inboundId)
                    .correlateWithResult();
            routedTo = waiting;
        } else if (reply.get("enrolment_id") != null) {
            ProcessInstance started = runtime.createMessageCorrelation("UnpromptedReply")
                    .processInstanceBusinessKey(reply.get("program") + ":" + reply.get("program_key"))
                    .setVariable(ProcessVariables.PATIENT_ID, reply.get("patient_id"))
                    .setVariable(ProcessVariables.ENROLMENT_ID, reply.get("enrolment_id"))
                    .setVariable(ProcessVariables.PROGRAM, reply.get("program"))
                    .setVariable(ProcessVariables.ENCOUNTER_ID, reply.get("encounter_id"))
                    .setVariable(ProcessVariables.REPLY_BODY, reply.get("body"))
                    .setVariable(ProcessVariables.REPLY_MESSAGE_ID, inboundId)
                    .correlateStartMessage();
            routedTo = started.getId();
        } else if (needsAPerson((String) reply.get("body"))) {
            // no program follows this patient, but a person must still read this: the same conversation, unprompted
            ProcessInstance started = runtime.createMessageCorrelation("UnpromptedReply")
                    .processInstanceBusinessKey("unprompted:" + inboundId)
                    .setVariable(ProcessVariables.PATIENT_ID, reply.get("patient_id"))
                    .setVariable(ProcessVariables.CLARIFICATIONS_ASKED, 1)
                    .setVariable(ProcessVariables.REPLY_BODY, reply.get("body"))
                    .setVariable(ProcessVariables.REPLY_MESSAGE_ID, inboundId)
                    .correlateStartMessage();
            routedTo = started.getId();
        } else {
            String template = ReplyText.of((String) reply.get("body")).isOptOutKeyword()
                    ? "opt-out-confirmation"
                    : "program-ended";
            outreach.send(
                    new OutreachRequest((String) reply.get("patient_id"), template, null, null, null, null, inboundId));
            routedTo = null;
        }
        log.info("Reply {} routed to process instance {}", inboundId, routedTo);
        return routedTo;
    }
}
