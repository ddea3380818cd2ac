package org.careloop.engine.channels.email;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.careloop.engine.config.EmailBounceProperties;
import org.careloop.engine.contact.InvalidContacts;
import org.careloop.engine.crypto.PhiCipher;
import org.careloop.engine.outreach.MessageLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads the bounce mailbox ({@link EmailBounceProperties}) over IMAP: each delivery status notification (RFC 3464,
 * {@code multipart/report; report-type=delivery-status}) that reports a permanent failure ({@code Action: failed},
 * status 5.x.x) for an address CareLoop emailed marks that email undelivered and the address invalid, and hands the
 * patient to a coordinator once to have it corrected, instead of emailing it for ever. A delay (4.x.x) changes
 * nothing. Each notification read is removed from the mailbox; mail that is not a notification is left, read.
 * Several nodes may read one mailbox: marking an address is done once.
 */
@Component
public class EmailBounces {

    private static final Logger log = LoggerFactory.getLogger(EmailBounces.class);
    private static final int BATCH = 200;

    private final EmailBounceProperties properties;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final PhiCipher cipher;
    private final InvalidContacts contacts;
    private final MessageLedger ledger;

    EmailBounces(
            EmailBounceProperties properties,
            @Qualifier("engineJdbc") JdbcTemplate jdbc,
            @Qualifier("engineTransactions") TransactionTemplate transactions,
            PhiCipher cipher,
            InvalidContacts contacts,
            MessageLedger ledger) {
        this.properties = properties;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.cipher = cipher;
        this.contacts = contacts;
        this.ledger = ledger;
    }

    /** One permanent failure a notification reports. */
    record Failure(String address, String status, String diagnostic, String originalMessageId) {}

    @Scheduled(
            fixedDelayString = "${careloop.email.bounces.poll-interval:60s}",
            initialDelayString = "${careloop.email.bounces.poll-interval:60s}")
    void scheduled() {
        ImapMailbox.poll(properties, "bounce", this::poll);
    }

    /** Reads the notifications waiting in the mailbox; returns how many emails they marked undelivered. */
    public int poll() throws MessagingException {
        int[] marked = {0};
        ImapMailbox.readUnread(properties, BATCH, message -> {
            List<Failure> failures = failures(message);
            if (failures == null) {
                return ImapMailbox.Read.LEFT; // not a notification: left for a person
            }
            for (Failure failure : failures) {
                marked[0] += apply(failure) ? 1 : 0;
            }
            return ImapMailbox.Read.DONE;
        });
        return marked[0];
    }

    /** The permanent failures a delivery status notification reports; null if the message is not one. */
    static List<Failure> failures(Message message) throws MessagingException, IOException {
        if (!message.isMimeType("multipart/report") || !(message.getContent() instanceof Multipart report)) {
            return null;
        }
        InternetHeaders status = null;
        List<InternetHeaders> recipients = new ArrayList<>();
        String originalMessageId = null;
        for (int i = 0; i < report.getCount(); i++) {
            BodyPart part = report.getBodyPart(i);
            if (part.isMimeType("message/delivery-status")) {
                try (InputStream in =
                        new java.io.ByteArrayInputStream(part.getInputStream().readAllBytes())) {
                    status = new InternetHeaders(in); // per-message fields
                    while (in.available() > 0) {
                        InternetHeaders recipient = new InternetHeaders(in);
                        if (recipient.getHeader("Final-Recipient") != null) {
                            recipients.add(recipient);
                        }
                    }
                }
            } else if (part.isMimeType("text/rfc822-headers") || part.isMimeType("message/rfc822")) {
                try (InputStream in = part.getInputStream()) {
                    originalMessageId = new InternetHeaders(in).getHeader("Message-ID", null);
                }
            }
        }
        if (status == null) {
            return null;
        }
        List<Failure> failures = new ArrayList<>();
        for (InternetHeaders recipient : recipients) {
            String action = recipient.getHeader("Action", null);
            String code = recipient.getHeader("Status", null);
            String finalRecipient = recipient.getHeader("Final-Recipient", null);
            if (action == null || code == null || finalRecipient == null) {
                continue;
            }
            if ("failed".equalsIgnoreCase(action.strip()) && code.strip().startsWith("5.")) {
                String address = finalRecipient
                        .substring(finalRecipient.indexOf(';') + 1)
                        .strip()
                        .replaceAll("^<|>$", "");
                failures.add(new Failure(
                        address,
                        code.strip(),
                        recipient.getHeader("Diagnostic-Code", null),
                        originalMessageId == null ? null : originalMessageId.strip()));
            }
        }
        return failures;
    }

    /** Marks the email the failure is about undelivered and its address invalid; false if CareLoop sent none. */
    private boolean apply(Failure failure) {
        String index = cipher.index(failure.address());
        List<Map<String, Object>> sent = failure.originalMessageId() == null
                ? List.of()
                : jdbc.queryForList(
                        "select id, patient_id from outbound_message where channel = 'email' and to_index = ? "
                                + "and provider_sid = ?",
                        index,
                        truncated(failure.originalMessageId()));
        if (sent.isEmpty()) {
            sent = jdbc.queryForList(
                    "select id, patient_id from outbound_message where channel = 'email' and to_index = ? "
                            + "and status in ('SENT', 'DELIVERED') order by created_at desc fetch first 1 rows only",
                    index);
        }
        if (sent.isEmpty()) {
            log.info("A bounce for an address CareLoop did not email was ignored");
            return false;
        }
        String messageId = (String) sent.get(0).get("id");
        String patientId = (String) sent.get(0).get("patient_id");
        transactions.executeWithoutResult(tx -> {
            ledger.setStatus(
                    messageId,
                    "UNDELIVERED",
                    null,
                    "Returned by the recipient's mail server (status " + failure.status() + "); not sent again");
            ledger.outboundChanged(messageId);
            contacts.mark(
                    failure.address(),
                    patientId,
                    "dsn-" + failure.status(),
                    "the email address bounced (status " + failure.status() + ")");
        });
        log.info("Message {} bounced (status {}); the address is marked invalid", messageId, failure.status());
        return true;
    }

    /** Message ids are kept to 64 characters ({@code provider_sid}). */
    private static String truncated(String messageId) {
        return messageId.length() > 64 ? messageId.substring(0, 64) : messageId;
    }
}
