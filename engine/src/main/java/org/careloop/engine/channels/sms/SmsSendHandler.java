package org.careloop.engine.channels.sms;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import org.careloop.engine.config.CareLoopProperties;
import org.careloop.engine.outbox.OutboxHandler;
import org.careloop.engine.outreach.MessageLedger;
import org.careloop.engine.outreach.SendRequested;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends one queued SMS and records it in FHIR. A message is handed to the provider at most once: it is
 * marked SENDING before the call, and a message found still SENDING (its node died mid-call) is marked
 * UNKNOWN rather than sent again.
 */
@Component
class SmsSendHandler implements OutboxHandler<SendRequested.ProgramMessage> {

    private static final Logger log = LoggerFactory.getLogger(SmsSendHandler.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final TwilioSmsClient client;
    private final CareLoopProperties careloop;
    private final MessageLedger ledger;
    private final SmsStatusHandler receipts;
    private final org.camunda.bpm.engine.RuntimeService runtime;
    private final org.careloop.engine.contact.InvalidContacts contacts;
    private final SenderRateLimits limits;
    private final TwilioLookupClient lookup;

    private final org.careloop.engine.crypto.PhiCipher cipher;

    SmsSendHandler(
            @Qualifier("engineJdbc") JdbcTemplate jdbc,
            Clock clock,
            TwilioSmsClient client,
            CareLoopProperties careloop,
            MessageLedger ledger,
            SmsStatusHandler receipts,
            org.camunda.bpm.engine.RuntimeService runtime,
            org.careloop.engine.contact.InvalidContacts contacts,
            SenderRateLimits limits,
            TwilioLookupClient lookup,
            org.careloop.engine.crypto.PhiCipher cipher) {
        this.cipher = cipher;
        this.lookup = lookup;
        this.limits = limits;
        this.contacts = contacts;
        this.runtime = runtime;
        this.receipts = receipts;
        this.jdbc = jdbc;
        this.clock = clock;
        this.client = client;
        this.careloop = careloop;
        this.ledger = ledger;
    }

    @Override
    public Class<SendRequested.ProgramMessage> eventType() {
        return SendRequested.ProgramMessage.class;
    }

    /** Answers to a patient: the same sending, in the replies lane. */
    @Component
    static class Answers implements OutboxHandler<SendRequested.Answer> {

        private final SmsSendHandler sender;

        Answers(SmsSendHandler sender) {
            this.sender = sender;
        }

        @Override
        public Class<SendRequested.Answer> eventType() {
            return SendRequested.Answer.class;
        }

        @Override
        public void handle(SendRequested.Answer event) {
            sender.send(event);
        }
    }

    @Override
    public void handle(SendRequested.ProgramMessage event) {
        send(event);
    }

    void send(SendRequested event) {
        String messageId = event.messageId();
        Map<String, Object> row = jdbc.queryForMap(
                "select status, to_number, to_index, from_number, body, template_id, process_instance_id, "
                        + "status_detail from outbound_message where id = ?",
                messageId);
        String status = (String) row.get("status");
        String to = cipher.open((String) row.get("to_number"), org.careloop.engine.crypto.PhiCipher.OUTBOUND_TO);
        if ("SENDING".equals(status)) {
            update(messageId, "UNKNOWN", null, "Interrupted while handing to the provider; not resent");
        } else if ("QUEUED".equals(status) && !stillWanted(messageId, to, row)) {
            log.info("Message {} not sent: no longer wanted when its time came", messageId);
        } else if ("QUEUED".equals(status) && !textable(messageId, to)) {
            log.info("Message {} not sent: the carrier lookup says the number cannot take texts", messageId);
        } else if ("QUEUED".equals(status)) {
            java.time.Duration wait = limits.take((String) row.get("from_number"));
            if (!wait.isZero()) {
                // the sender number's rate is used up: this send waits for its next token, in order
                throw new org.careloop.engine.outbox.OutboxHandler.NotYet(wait);
            }
            int claimed = jdbc.update(
                    "update outbound_message set status = 'SENDING', updated_at = ? where id = ? and status = 'QUEUED'",
                    now(),
                    messageId);
            if (claimed == 1) {
                send(
                        messageId,
                        (String) row.get("from_number"),
                        to,
                        cipher.open((String) row.get("body"), org.careloop.engine.crypto.PhiCipher.OUTBOUND_BODY));
            }
        }
        ledger.outboundChanged(messageId);
    }

    /**
     * A message is sent only if it is still wanted: the patient has not opted out since it was queued, and the number
     * is not known to be invalid; and one that waited (quiet hours, caps) only if its program still runs and the
     * patient has not answered its conversation since (it moved on without it). Otherwise it is marked as such, never
     * sent.
     */
    private boolean stillWanted(String messageId, String to, Map<String, Object> row) {
        boolean optedOut = !"opt-out-confirmation".equals(row.get("template_id"))
                && jdbc.queryForObject(
                                "select count(*) from sms_opt_out where number_index = ?",
                                Integer.class,
                                cipher.index(to))
                        > 0;
        if (optedOut) {
            update(messageId, "SUPPRESSED", null, "Patient opted out of SMS before it was sent");
            return false;
        }
        if (contacts.isInvalid(to)) {
            update(messageId, "INVALID_CONTACT", null, "The number was found invalid before it was sent");
            return false;
        }
        String detail = (String) row.get("status_detail");
        String processInstanceId = (String) row.get("process_instance_id");
        if (detail != null
                && detail.startsWith("Deferred")
                && processInstanceId != null
                && runtime.createProcessInstanceQuery()
                                .processInstanceId(processInstanceId)
                                .count()
                        == 0) {
            update(messageId, "CANCELLED", null, "Its program ended before the quiet hours did");
            return false;
        }
        if (detail != null
                && detail.startsWith("Deferred")
                && processInstanceId != null
                && jdbc.queryForObject(
                                "select count(*) from inbound_message i "
                                        + "join outbound_message prior on prior.id = i.in_response_to "
                                        + "join outbound_message o on o.id = ? "
                                        + "where prior.process_instance_id = o.process_instance_id "
                                        + "and i.received_at > o.created_at",
                                Integer.class,
                                messageId)
                        > 0) {
            update(messageId, "CANCELLED", null, "The patient answered this conversation before it went out");
            return false;
        }
        return true;
    }

    /**
     * Before a number's first text (and again once the answer is old), the carrier lookup: a number not in service is
     * marked invalid (a coordinator updates it); a landline is not texted, a coordinator is told once, and the
     * patient's later messages go by another channel (a call, an email). A lookup that cannot be answered does not
     * hold the message: it is sent, and the provider's own error codes still catch a bad number.
     */
    private boolean textable(String messageId, String to) {
        if (!lookup.enabled()) {
            return true;
        }
        TwilioLookupClient.Answer answer;
        try {
            answer = lookup.line(to);
        } catch (RuntimeException unavailable) {
            // the lookup keeps numbers clean; it is not a gate: the provider's own errors still catch a bad number
            log.warn(
                    "Carrier lookup unavailable for message {} ({}); sent without it",
                    messageId,
                    unavailable.getClass().getSimpleName());
            return true;
        }
        if (answer.line().disconnected()) {
            String reason = "The carrier lookup says the number is not in service";
            contacts.refused(
                    () -> update(messageId, "INVALID_CONTACT", null, reason),
                    to,
                    patientOf(messageId),
                    "lookup",
                    reason);
            return false;
        }
        if (answer.line().landline()) {
            update(messageId, "INVALID_CONTACT", null, "The carrier lookup says the number is a landline: not texted");
            if (answer.fresh()) {
                contacts.notTextable(
                        to,
                        patientOf(messageId),
                        "The carrier lookup says the mobile number on file is a " + "landline: texts cannot reach it");
            }
            return false;
        }
        return true;
    }

    private String patientOf(String messageId) {
        return jdbc.queryForObject("select patient_id from outbound_message where id = ?", String.class, messageId);
    }

    private void send(String messageId, String from, String to, String body) {
        try {
            TwilioSmsClient.Accepted accepted =
                    client.send(from, to, body, careloop.url(TwilioWebhookController.STATUS_PATH));
            jdbc.update(
                    "update outbound_message set status = 'SENT', provider_sid = ?, sent_at = ?, updated_at = ? where id = ?",
                    accepted.sid(),
                    now(),
                    now(),
                    messageId);
            log.info("Message {} handed to the SMS provider as {}", messageId, accepted.sid());
            receipts.applyWaiting(accepted.sid());
        } catch (TwilioSmsClient.Rejected e) {
            contacts.refusedFromProvider(
                    () -> update(messageId, "FAILED", null, e.getMessage()), to, patientOf(messageId), e.code());
            log.warn("Message {} refused by the SMS provider", messageId);
        } catch (RuntimeException e) {
            if (mayHaveReachedTheProvider(e)) {
                // the provider may have accepted it: sending again could text the patient twice
                update(
                        messageId,
                        "UNKNOWN",
                        null,
                        "No answer from the SMS provider (" + e.getClass().getSimpleName() + "); not resent");
                log.warn("Message {}: the SMS provider did not answer; marked UNKNOWN, not resent", messageId);
                return;
            }
            update(messageId, "QUEUED", null, null);
            throw e;
        }
    }

    /** Whether a failed send may still have been accepted: see {@link TwilioSmsClient#mayHaveReachedTheProvider}. */
    static boolean mayHaveReachedTheProvider(RuntimeException e) {
        return TwilioSmsClient.mayHaveReachedTheProvider(e);
    }

    private void update(String messageId, String status, String sid, String detail) {
        jdbc.update(
                "update outbound_message set status = ?, provider_sid = coalesce(?, provider_sid), status_detail = ?, "
                        + "updated_at = ? where id = ?",
                status,
                sid,
                detail,
                now(),
                messageId);
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }
}
