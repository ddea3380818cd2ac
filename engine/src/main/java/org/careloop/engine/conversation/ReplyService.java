package org.careloop.engine.conversation;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.careloop.engine.fhir.PatientDirectory;
import org.careloop.engine.fhir.PatientSummary;
import org.careloop.engine.outbox.Outbox;
import org.careloop.engine.outreach.MessageTemplates;
import org.careloop.rules.triage.ReplyText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes in a patient's reply from any channel: stores it once (the provider's message id is unique),
 * matches it to the conversation of the last message sent to that number or address, honours STOP/START/HELP at once
 * (for the channel it came by),
 * and leaves the rest (FHIR record, triage, the process) to the outbox, after the webhook has answered.
 */
@Service
public class ReplyService {

    private static final Logger log = LoggerFactory.getLogger(ReplyService.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Outbox outbox;
    private final MessageTemplates templates;
    private final PatientDirectory patients;
    private final org.careloop.engine.outreach.MessageLedger ledger;

    private final org.careloop.engine.crypto.PhiCipher cipher;

    ReplyService(
            @Qualifier("engineJdbc") JdbcTemplate jdbc,
            @Qualifier("engineTransactions") TransactionTemplate transactions,
            Clock clock,
            Outbox outbox,
            MessageTemplates templates,
            PatientDirectory patients,
            org.careloop.engine.outreach.MessageLedger ledger,
            org.careloop.engine.departments.Departments departments,
            org.careloop.rules.triage.ReplyTriage triage,
            org.careloop.engine.consent.ConsentVault consents,
            org.careloop.engine.outreach.ChatLinks chatLinks,
            org.careloop.engine.config.ChatProperties chat,
            org.careloop.engine.config.CareLoopProperties careloop,
            org.careloop.engine.crypto.PhiCipher cipher,
            org.careloop.engine.outreach.OutreachService outreach) {
        this.cipher = cipher;
        this.outreach = outreach;
        this.chatLinks = chatLinks;
        this.chat = chat;
        this.careloop = careloop;
        this.consents = consents;
        this.triage = triage;
        this.departments = departments;
        this.ledger = ledger;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.outbox = outbox;
        this.templates = templates;
        this.patients = patients;
    }

    private final org.careloop.engine.departments.Departments departments;
    private final org.careloop.rules.triage.ReplyTriage triage;
    private final org.careloop.engine.consent.ConsentVault consents;
    private final org.careloop.engine.outreach.ChatLinks chatLinks;
    private final org.careloop.engine.outreach.OutreachService outreach;
    private final org.careloop.engine.config.ChatProperties chat;
    private final org.careloop.engine.config.CareLoopProperties careloop;

    private String language(String patientId) {
        return patients.find(patientId).map(PatientSummary::language).orElse(null);
    }

    /** An answer by keyword, in the patient's language and with the patient's department's name and help line. */
    private String answer(String templateId, String patientId) {
        java.util.Optional<PatientSummary> patient = patients.find(patientId);
        return templates.render(
                templateId,
                patient.map(PatientSummary::language).orElse("en"),
                null,
                departments.of(patient.orElse(null)));
    }

    /** What became of an inbound message. */
    public enum Outcome {
        ACCEPTED,
        DUPLICATE,
        UNKNOWN_SENDER
    }

    /**
     * @param immediateReply text to answer at once in the webhook response, or {@code null}
     */
    public record Receipt(Outcome outcome, String messageId, String immediateReply) {}

    /**
     * A keyword's answer: in the webhook's response for a text, and as a message of its own (by email) for an email.
     */
    private Receipt answered(String channel, String patientId, String inboundId, String templateId) {
        if (!"email".equals(channel)) {
            return new Receipt(Outcome.ACCEPTED, inboundId, answer(templateId, patientId));
        }
        outreach.send(new org.careloop.engine.outreach.OutreachRequest(
                patientId, templateId, null, null, null, null, inboundId));
        return new Receipt(Outcome.ACCEPTED, inboundId, null);
    }

    public Receipt receive(String channel, String providerSid, String fromNumber, String toNumber, String body) {
        String fromIndex = cipher.index(fromNumber);
        return transactions.execute(tx -> {
            Map<String, Object> last = jdbc.query(
                    "select id, patient_id from outbound_message where to_index = ? "
                            + "order by created_at desc fetch first 1 rows only",
                    rs -> rs.next()
                            ? Map.<String, Object>of("id", rs.getString("id"), "patient_id", rs.getString("patient_id"))
                            : null,
                    fromIndex);
            String id = UUID.randomUUID().toString();
            String patientId = last == null ? null : (String) last.get("patient_id");
            try {
                jdbc.update(
                        "insert into inbound_message (id, provider_sid, channel, from_number, from_index, to_number, body, "
                                + "patient_id, in_response_to, status, received_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        id,
                        providerSid,
                        channel,
                        cipher.seal(fromNumber, org.careloop.engine.crypto.PhiCipher.INBOUND_FROM),
                        fromIndex,
                        toNumber,
                        cipher.seal(body, org.careloop.engine.crypto.PhiCipher.INBOUND_BODY),
                        patientId,
                        last == null ? null : last.get("id"),
                        last == null ? "UNMATCHED" : "RECEIVED",
                        Timestamp.from(clock.instant()));
            } catch (DuplicateKeyException duplicate) {
                tx.setRollbackOnly();
                log.info("Inbound message with provider id already received; ignored");
                return new Receipt(Outcome.DUPLICATE, null, null);
            }
            if (last == null) {
                log.info("Inbound message {} from a number with no conversation", id);
                return new Receipt(Outcome.UNKNOWN_SENDER, id, templates.render("unknown-sender", "en"));
            }
            ledger.inboundReceived(id, patientId);
            // one reading: the keyword the reply is, and whether it asks to stop (the patient's language is read
            // from their record only when a word of the reply is shorthand)
            org.careloop.rules.triage.ReplyTriage.Screening screening = triage.screen(body, () -> language(patientId));
            ReplyText text = screening.text();
            boolean keyword = text.isOptOutKeyword();
            // a clear request in words ("please stop texting me") is honoured as at once as STOP; one that also says
            // something a person should read is read by a person first (the rules decide which)
            // an email's STOP is about emails; a text's (or a call's) about texts to that number
            boolean byEmail = "email".equals(channel);
            org.careloop.engine.consent.ContactChannel replyChannel = byEmail
                    ? org.careloop.engine.consent.ContactChannel.EMAIL
                    : org.careloop.engine.consent.ContactChannel.SMS;
            if (keyword || screening.asksToStop()) {
                if (!byEmail) {
                    jdbc.update("delete from sms_opt_out where number_index = ?", fromIndex);
                    jdbc.update(
                            "insert into sms_opt_out (number_index, opted_out_at, source, words, inbound_message_id) "
                                    + "values (?, ?, ?, ?, ?)",
                            fromIndex,
                            Timestamp.from(clock.instant()),
                            keyword ? "keyword" : "words",
                            cipher.seal(
                                    body.length() > 1600 ? body.substring(0, 1600) : body,
                                    org.careloop.engine.crypto.PhiCipher.OPT_OUT_WORDS),
                            id);
                }
                // the patient's consent: STOPALL revokes every channel, any other opt-out the channel it came by
                boolean everyChannel =
                        "stopall".equals(body.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]", ""));
                consents.record(new org.careloop.engine.consent.ConsentRecord.Change(
                        patientId,
                        everyChannel ? org.careloop.engine.consent.ContactChannel.ALL : replyChannel,
                        org.careloop.engine.consent.ContactPurpose.ALL,
                        false,
                        keyword ? "keyword" : "words",
                        fromNumber,
                        body,
                        id,
                        null));
                // what was queued for this address (for every channel, all of the patient's), waiting for quiet
                // hours or its turn, is not sent
                List<String> held = jdbc.queryForList(
                        "select id from outbound_message where (to_index = ? or (? and patient_id = ?)) "
                                + "and status = 'QUEUED' and template_id <> 'opt-out-confirmation'",
                        String.class,
                        fromIndex,
                        everyChannel,
                        patientId);
                for (String heldId : held) {
                    jdbc.update(
                            "update outbound_message set status = 'SUPPRESSED', status_detail = ?, updated_at = ? "
                                    + "where id = ? and status = 'QUEUED'",
                            "Patient opted out of " + (everyChannel ? "all messages" : byEmail ? "email" : "SMS")
                                    + " before it was sent",
                            Timestamp.from(clock.instant()),
                            heldId);
                    ledger.outboundChanged(heldId);
                }
                log.info(
                        "Patient {} opted out of {} by {}; {} queued message(s) withdrawn",
                        patientId,
                        everyChannel ? "every channel" : replyChannel.code(),
                        keyword ? "keyword" : "a request in words",
                        held.size());
            } else if (text.isStartKeyword()) {
                if (!byEmail) {
                    jdbc.update("delete from sms_opt_out where number_index = ?", fromIndex);
                }
                jdbc.update("update inbound_message set status = 'PROCESSED' where id = ?", id);
                consents.record(new org.careloop.engine.consent.ConsentRecord.Change(
                        patientId,
                        replyChannel,
                        org.careloop.engine.consent.ContactPurpose.ALL,
                        true,
                        "keyword",
                        fromNumber,
                        body,
                        id,
                        null));
                log.info("Patient {} opted in to {} again by keyword", patientId, replyChannel.code());
                return answered(channel, patientId, id, "opt-in-confirmation");
            } else if ("chat".equals(text.getKeyword()) && chat.enabled() && !byEmail) {
                jdbc.update("update inbound_message set status = 'PROCESSED' where id = ?", id);
                log.info("Patient {} asked for a chat link", patientId);
                return new Receipt(
                        Outcome.ACCEPTED,
                        id,
                        answer("chat-link", patientId)
                                .replace("{link}", careloop.url("/chat/" + chatLinks.token(patientId))));
            } else if ("help".equals(text.getKeyword())) {
                jdbc.update("update inbound_message set status = 'PROCESSED' where id = ?", id);
                return answered(channel, patientId, id, "help");
            }
            outbox.enqueue(new ReplyReceived(id, "sms-from/" + fromIndex));
            return new Receipt(Outcome.ACCEPTED, id, null);
        });
    }

    /**
     * A patient's message written in the web chat: stored and read like a text (triage, the program's answer, a
     * person where needed); the answer goes back to the chat. The patient is known from the signed link, not a
     * number.
     *
     * @return the inbound message's id
     */
    public String receiveChat(String patientId, String body) {
        return transactions.execute(tx -> {
            String id = UUID.randomUUID().toString();
            List<String> last = jdbc.queryForList(
                    "select id from outbound_message where patient_id = ? order by created_at desc "
                            + "fetch first 1 rows only",
                    String.class,
                    patientId);
            jdbc.update(
                    "insert into inbound_message (id, provider_sid, channel, from_number, from_index, to_number, body, "
                            + "patient_id, in_response_to, status, received_at) values (?, ?, 'chat', ?, ?, null, ?, ?, ?, "
                            + "'RECEIVED', ?)",
                    id,
                    "chat-" + id,
                    cipher.seal(
                            org.careloop.engine.outreach.OutreachService.CHAT_ADDRESS,
                            org.careloop.engine.crypto.PhiCipher.INBOUND_FROM),
                    cipher.index(org.careloop.engine.outreach.OutreachService.CHAT_ADDRESS),
                    cipher.seal(body, org.careloop.engine.crypto.PhiCipher.INBOUND_BODY),
                    patientId,
                    last.isEmpty() ? null : last.get(0),
                    Timestamp.from(clock.instant()));
            ledger.inboundReceived(id, patientId);
            outbox.enqueue(new ReplyReceived(id, "chat/" + patientId));
            log.info("Chat message {} from patient {}", id, patientId);
            return id;
        });
    }
}
