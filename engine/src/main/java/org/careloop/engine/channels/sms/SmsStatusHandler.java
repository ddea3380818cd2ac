package org.careloop.engine.channels.sms;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.careloop.engine.outbox.OutboxHandler;
import org.careloop.engine.outreach.MessageLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Applies a provider's delivery receipt to the message and its FHIR Communication. A receipt for a provider id
 * that no message carries (yet: a receipt can overtake the provider's answer to the send) is recorded once and
 * applied when a message with that id is recorded; it is never retried.
 */
@Component
class SmsStatusHandler implements OutboxHandler<DeliveryReceipt> {

    private static final Logger log = LoggerFactory.getLogger(SmsStatusHandler.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final MessageLedger ledger;
    private final org.careloop.engine.contact.InvalidContacts contacts;
    private final org.careloop.engine.crypto.PhiCipher cipher;

    SmsStatusHandler(
            @Qualifier("engineJdbc") JdbcTemplate jdbc,
            Clock clock,
            MessageLedger ledger,
            org.careloop.engine.contact.InvalidContacts contacts,
            org.careloop.engine.crypto.PhiCipher cipher) {
        this.contacts = contacts;
        this.cipher = cipher;
        this.jdbc = jdbc;
        this.clock = clock;
        this.ledger = ledger;
    }

    @Override
    public Class<DeliveryReceipt> eventType() {
        return DeliveryReceipt.class;
    }

    @Override
    public void handle(DeliveryReceipt receipt) {
        String sid = receipt.sid();
        String providerStatus = receipt.status();
        String errorCode = receipt.errorCode() == null || receipt.errorCode().isBlank() ? null : receipt.errorCode();
        if (apply(sid, providerStatus, errorCode)) {
            return;
        }
        try {
            jdbc.update(
                    "insert into delivery_receipt_unmatched (provider_sid, status, error_code, received_at) values (?, ?, ?, ?)",
                    sid,
                    providerStatus,
                    errorCode,
                    Timestamp.from(clock.instant()));
            log.info("Delivery receipt for unknown provider message {} recorded", sid);
        } catch (DuplicateKeyException e) {
            log.debug("Delivery receipt for {} already recorded", sid);
        }
        // the message may have been recorded between the look-up and the insert
        applyWaiting(sid);
    }

    /** Applies receipts that arrived before the message's provider id was recorded. */
    void applyWaiting(String sid) {
        List<Map<String, Object>> waiting = jdbc.queryForList(
                "select id, status, error_code from delivery_receipt_unmatched where provider_sid = ? order by id",
                sid);
        for (Map<String, Object> receipt : waiting) {
            if (apply(sid, (String) receipt.get("status"), (String) receipt.get("error_code"))) {
                jdbc.update("delete from delivery_receipt_unmatched where id = ?", receipt.get("id"));
            }
        }
    }

    /** Whether a message carries this provider id (the receipt is then applied). */
    private boolean apply(String sid, String providerStatus, String errorCode) {
        List<String> ids =
                jdbc.queryForList("select id from outbound_message where provider_sid = ?", String.class, sid);
        if (ids.isEmpty()) {
            return false;
        }
        String status = switch (providerStatus) {
            case "delivered", "read" -> "DELIVERED";
            case "failed" -> "FAILED";
            case "undelivered" -> "UNDELIVERED";
            default -> null; // queued, sending, sent: nothing new
        };
        if (status != null) {
            String detail = errorCode == null ? null : "Provider error " + errorCode;
            String messageId = ids.get(0);
            Runnable recorded = () -> {
                jdbc.update(
                        "update outbound_message set status = ?, status_detail = coalesce(?, status_detail), "
                                + "updated_at = ? where id = ? and status in ('SENT', 'UNKNOWN', 'SENDING')",
                        status,
                        detail,
                        Timestamp.from(clock.instant()),
                        messageId);
                ledger.outboundChanged(messageId);
            };
            if (("FAILED".equals(status) || "UNDELIVERED".equals(status))
                    && org.careloop.engine.contact.InvalidContacts.isHardFailure(errorCode)) {
                Map<String, Object> message =
                        jdbc.queryForMap("select to_number, patient_id from outbound_message where id = ?", messageId);
                contacts.refusedFromProvider(
                        recorded,
                        cipher.open(
                                (String) message.get("to_number"), org.careloop.engine.crypto.PhiCipher.OUTBOUND_TO),
                        (String) message.get("patient_id"),
                        errorCode);
            } else {
                recorded.run();
            }
        }
        return true;
    }
}
