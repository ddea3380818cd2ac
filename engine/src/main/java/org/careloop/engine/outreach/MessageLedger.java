package org.careloop.engine.outreach;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.careloop.engine.fhir.FhirRecords;
import org.careloop.engine.fhir.MessageRecord;
import org.careloop.engine.outbox.Outbox;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The messages exchanged with patients: their transcript, and their mirror as FHIR {@code Communication}. */
@Component
public class MessageLedger {

    /** The template of the code a patient confirms who they are with. */
    public static final String ONE_TIME_CODE = "identity-code";

    private final JdbcTemplate jdbc;
    private final FhirRecords fhir;
    private final Outbox outbox;

    private final java.time.Clock clock;

    private final org.careloop.engine.crypto.PhiCipher cipher;
    private final org.springframework.transaction.support.TransactionTemplate transactions;

    MessageLedger(
            @Qualifier("engineJdbc") JdbcTemplate jdbc,
            FhirRecords fhir,
            Outbox outbox,
            java.time.Clock clock,
            org.careloop.engine.crypto.PhiCipher cipher,
            @Qualifier("engineTransactions") org.springframework.transaction.support.TransactionTemplate transactions) {
        this.transactions = transactions;
        this.cipher = cipher;
        this.clock = clock;
        this.jdbc = jdbc;
        this.fhir = fhir;
        this.outbox = outbox;
    }

    /** One line of a conversation. */
    /**
     * @param id         the message's id (an {@code outbound_message} or an {@code inbound_message})
     * @param templateId the approved template a message sent was made from; null for what the patient wrote
     */
    public record Entry(String id, Instant at, boolean outbound, String body, String status, String templateId) {}

    public List<Entry> transcript(String patientId, int limit) {
        List<Entry> entries = jdbc.query(
                "select * from ("
                        + " select id, created_at as at, true as outbound, body, status, template_id from outbound_message"
                        + " where patient_id = ?"
                        + " union all"
                        + " select id, received_at as at, false as outbound, body, status, null as template_id"
                        + " from inbound_message where patient_id = ?"
                        + ") t order by at desc fetch first " + limit + " rows only",
                (rs, i) -> new Entry(
                        rs.getString("id"),
                        rs.getTimestamp("at").toInstant(),
                        rs.getBoolean("outbound"),
                        // a one-time code is the patient's alone: nobody reading the conversation sees it
                        shown(
                                rs.getString("template_id"),
                                cipher.open(
                                        rs.getString("body"),
                                        rs.getBoolean("outbound")
                                                ? org.careloop.engine.crypto.PhiCipher.OUTBOUND_BODY
                                                : org.careloop.engine.crypto.PhiCipher.INBOUND_BODY)),
                        rs.getString("status"),
                        rs.getString("template_id")),
                patientId,
                patientId);
        List<Entry> chronological = new java.util.ArrayList<>(entries);
        java.util.Collections.reverse(chronological);
        return chronological;
    }

    /**
     * Sets an outbound message's status and why (a channel's step: sending, sent, refused, unknown); the provider's id
     * of it when one is given, else the one it had.
     */
    public void setStatus(String messageId, String status, String providerSid, String detail) {
        jdbc.update(
                "update outbound_message set status = ?, provider_sid = coalesce(?, provider_sid), status_detail = ?, "
                        + "updated_at = ? where id = ?",
                status,
                providerSid,
                detail,
                Timestamp.from(clock.instant()),
                messageId);
    }

    /**
     * The patient opened their web chat: the messages shown there are read (DELIVERED), and their Communications
     * follow.
     */
    public void readInChat(String patientId) {
        transactions.executeWithoutResult(tx -> markReadInChat(patientId));
    }

    private void markReadInChat(String patientId) {
        List<String> shown = jdbc.queryForList(
                "select id from outbound_message where patient_id = ? and channel = 'chat' and status = 'SENT'",
                String.class,
                patientId);
        for (String id : shown) {
            if (jdbc.update(
                            "update outbound_message set status = 'DELIVERED', status_detail = 'Read in the web chat', "
                                    + "updated_at = ? where id = ? and status = 'SENT'",
                            java.sql.Timestamp.from(clock.instant()),
                            id)
                    == 1) {
                outboundChanged(id);
            }
        }
    }

    /** After the caller's commit, the outbound message's Communication follows it. */
    public void outboundChanged(String messageId) {
        String patientId =
                jdbc.queryForObject("select patient_id from outbound_message where id = ?", String.class, messageId);
        outbox.enqueue(new MessageRecords.OutboundChanged(messageId, patientId));
    }

    /** After the caller's commit, a Communication records the patient's message. */
    public void inboundReceived(String inboundId, String patientId) {
        outbox.enqueue(new MessageRecords.InboundReceived(inboundId, patientId));
    }

    void recordOutbound(java.util.Collection<String> messageIds) {
        fhir.recordMessages(messageIds.stream().map(this::outboundRecord).toList());
    }

    void recordInbound(java.util.Collection<String> inboundIds) {
        fhir.recordMessages(inboundIds.stream().map(this::inboundRecord).toList());
    }

    private MessageRecord outboundRecord(String messageId) {
        Map<String, Object> m = jdbc.queryForMap(
                "select m.*, e.encounter_id from outbound_message m "
                        + "left join enrolment e on e.id = m.enrolment_id where m.id = ?",
                messageId);
        String status = switch ((String) m.get("status")) {
            case "QUEUED", "SENDING" -> "preparation";
            case "SENT" -> "in-progress";
            case "DELIVERED" -> "completed";
            case "FAILED", "UNDELIVERED" -> "stopped";
            case "SUPPRESSED", "INVALID_CONTACT", "CANCELLED" -> "not-done";
            default -> "unknown";
        };
        Timestamp at = (Timestamp) (m.get("sent_at") != null ? m.get("sent_at") : m.get("created_at"));
        return new MessageRecord(
                messageId,
                true,
                (String) m.get("patient_id"),
                (String) m.get("program"),
                (String) m.get("enrolment_id"),
                (String) m.get("encounter_id"),
                (String) m.get("channel"),
                shown(
                        (String) m.get("template_id"),
                        cipher.open((String) m.get("body"), org.careloop.engine.crypto.PhiCipher.OUTBOUND_BODY)),
                at.toInstant(),
                status,
                (String) m.get("status_detail"),
                (String) m.get("provider_sid"),
                null);
    }

    /** A message's text as anyone but its patient sees it: a one-time code is the patient's alone. */
    private static String shown(String templateId, String body) {
        return ONE_TIME_CODE.equals(templateId) && body != null ? body.replaceAll("\\d{6}", "••••••") : body;
    }

    private MessageRecord inboundRecord(String inboundId) {
        Map<String, Object> m = jdbc.queryForMap(
                "select i.*, o.enrolment_id, o.program, e.encounter_id from inbound_message i "
                        + "left join outbound_message o on o.id = i.in_response_to "
                        + "left join enrolment e on e.id = o.enrolment_id where i.id = ?",
                inboundId);
        return new MessageRecord(
                inboundId,
                false,
                (String) m.get("patient_id"),
                (String) m.get("program"),
                (String) m.get("enrolment_id"),
                (String) m.get("encounter_id"),
                (String) m.get("channel"),
                cipher.open((String) m.get("body"), org.careloop.engine.crypto.PhiCipher.INBOUND_BODY),
                ((Timestamp) m.get("received_at")).toInstant(),
                "completed",
                null,
                (String) m.get("provider_sid"),
                (String) m.get("in_response_to"));
    }
}
