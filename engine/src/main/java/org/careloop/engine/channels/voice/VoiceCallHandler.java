package org.careloop.engine.channels.voice;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import org.careloop.engine.channels.sms.SenderRateLimits;
import org.careloop.engine.channels.sms.TwilioSmsClient;
import org.careloop.engine.config.CareLoopProperties;
import org.careloop.engine.outbox.OutboxHandler;
import org.careloop.engine.outreach.CallRequested;
import org.careloop.engine.outreach.MessageLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Places one queued automated call. As with a text, at most once: the message is SENDING before the provider is
 * asked, and one found still SENDING (its node died mid-call) is UNKNOWN, never called again; a call the provider
 * may have placed (no answer) is UNKNOWN too. The words are not sent with the call: the provider fetches them from
 * the signed TwiML webhook once the patient answers.
 */
@Component
class VoiceCallHandler implements OutboxHandler<CallRequested> {

    private static final Logger log = LoggerFactory.getLogger(VoiceCallHandler.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final TwilioSmsClient provider;
    private final CareLoopProperties careloop;
    private final MessageLedger ledger;
    private final SenderRateLimits limits;
    private final org.careloop.engine.contact.InvalidContacts contacts;
    private final org.camunda.bpm.engine.RuntimeService runtime;
    private final org.careloop.engine.crypto.PhiCipher cipher;

    VoiceCallHandler(
            @Qualifier("engineJdbc") JdbcTemplate jdbc,
            Clock clock,
            TwilioSmsClient provider,
            CareLoopProperties careloop,
            MessageLedger ledger,
            SenderRateLimits limits,
            org.careloop.engine.contact.InvalidContacts contacts,
            org.camunda.bpm.engine.RuntimeService runtime,
            org.careloop.engine.crypto.PhiCipher cipher) {
        this.cipher = cipher;
        this.jdbc = jdbc;
        this.clock = clock;
        this.provider = provider;
        this.careloop = careloop;
        this.ledger = ledger;
        this.limits = limits;
        this.contacts = contacts;
        this.runtime = runtime;
    }

    @Override
    public Class<CallRequested> eventType() {
        return CallRequested.class;
    }

    @Override
    public void handle(CallRequested event) {
        String id = event.messageId();
        Map<String, Object> row = jdbc.queryForMap(
                "select status, to_number, from_number, process_instance_id, status_detail from outbound_message "
                        + "where id = ?",
                id);
        String status = (String) row.get("status");
        String to = cipher.open((String) row.get("to_number"), org.careloop.engine.crypto.PhiCipher.OUTBOUND_TO);
        if ("SENDING".equals(status)) {
            ledger.setStatus(id, "UNKNOWN", null, "Interrupted while asking the provider to call; not called again");
        } else if ("QUEUED".equals(status) && contacts.isInvalid(to)) {
            ledger.setStatus(id, "INVALID_CONTACT", null, "The number was found invalid before the call");
        } else if ("QUEUED".equals(status) && programEnded(row)) {
            ledger.setStatus(id, "CANCELLED", null, "Its program ended before the call's time came");
        } else if ("QUEUED".equals(status)) {
            java.time.Duration wait = limits.take((String) row.get("from_number"));
            if (!wait.isZero()) {
                throw new OutboxHandler.NotYet(wait);
            }
            if (jdbc.update(
                            "update outbound_message set status = 'SENDING', updated_at = ? where id = ? "
                                    + "and status = 'QUEUED'",
                            now(),
                            id)
                    == 1) {
                call(id, (String) row.get("from_number"), to);
            }
        }
        ledger.outboundChanged(id);
    }

    private boolean programEnded(Map<String, Object> row) {
        String detail = (String) row.get("status_detail");
        String processInstanceId = (String) row.get("process_instance_id");
        return detail != null
                && detail.contains("Deferred")
                && processInstanceId != null
                && runtime.createProcessInstanceQuery()
                                .processInstanceId(processInstanceId)
                                .count()
                        == 0;
    }

    private void call(String id, String from, String to) {
        try {
            TwilioSmsClient.Accepted accepted = provider.call(
                    from,
                    to,
                    careloop.url(VoiceWebhookController.SCRIPT_PATH.replace("{messageId}", id)),
                    careloop.url(VoiceWebhookController.STATUS_PATH));
            jdbc.update(
                    "update outbound_message set status = 'SENT', provider_sid = ?, sent_at = ?, updated_at = ? "
                            + "where id = ?",
                    accepted.sid(),
                    now(),
                    now(),
                    id);
            log.info("Message {} handed to the voice provider as call {}", id, accepted.sid());
        } catch (TwilioSmsClient.Rejected e) {
            contacts.refusedFromProvider(
                    () -> ledger.setStatus(id, "FAILED", null, e.getMessage()),
                    to,
                    jdbc.queryForObject("select patient_id from outbound_message where id = ?", String.class, id),
                    e.code());
            log.warn("Call for message {} refused by the voice provider", id);
        } catch (RuntimeException e) {
            if (TwilioSmsClient.mayHaveReachedTheProvider(e)) {
                ledger.setStatus(
                        id,
                        "UNKNOWN",
                        null,
                        "No answer from the voice provider (" + e.getClass().getSimpleName() + "); not called again");
                log.warn("Call for message {}: the provider did not answer; marked UNKNOWN, not called again", id);
                return;
            }
            ledger.setStatus(id, "QUEUED", null, null);
            throw e;
        }
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }
}
