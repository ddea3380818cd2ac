package org.careloop.engine.channels.email;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.careloop.engine.config.EmailProperties;
import org.careloop.engine.config.EmailReplyProperties;
import org.careloop.engine.conversation.ReplyService;
import org.careloop.engine.crypto.PhiCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reads patients' answers to CareLoop's emails from the replies mailbox ({@link EmailReplyProperties}) over IMAP and
 * takes each in like a text: stored once (its {@code Message-ID}), matched to the last email sent to the sender's
 * address, STOP/START/HELP honoured at once for email, and the rest triaged, handed to the program and, where the
 * rules say, to a person; the program's answer goes back by email. Only the patient's own words are kept (what the
 * mail client quoted of CareLoop's email is left out, {@link EmailReplyText}).
 *
 * <p>Left in the mailbox for a person, marked read: mail from an address CareLoop never emailed, automatic replies
 * (out of office, RFC 3834), mail whose sender the receiving server did not find authentic (with {@code
 * authserv-id}), mail with no words, and, after its words are taken, mail with a file attached. Several nodes may read
 * one mailbox: a reply is taken once.
 */
@Component
public class EmailReplies {

    private static final Logger log = LoggerFactory.getLogger(EmailReplies.class);
    private static final int BATCH = 200;

    private final EmailReplyProperties properties;
    private final EmailProperties email;
    private final JdbcTemplate jdbc;
    private final PhiCipher cipher;
    private final ReplyService replies;
    private final EmailSendHandler sent;

    EmailReplies(
            EmailReplyProperties properties,
            EmailProperties email,
            @Qualifier("engineJdbc") JdbcTemplate jdbc,
            PhiCipher cipher,
            ReplyService replies,
            EmailSendHandler sent) {
        this.properties = properties;
        this.email = email;
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.replies = replies;
        this.sent = sent;
    }

    @Scheduled(
            fixedDelayString = "${careloop.email.replies.poll-interval:30s}",
            initialDelayString = "${careloop.email.replies.poll-interval:30s}")
    void scheduled() {
        ImapMailbox.poll(properties, "replies", this::poll);
    }

    /** Reads the replies waiting in the mailbox; returns how many were taken in as patients' messages. */
    public int poll() throws MessagingException {
        return ImapMailbox.readUnread(properties, BATCH, this::read);
    }

    private ImapMailbox.Read read(Message message) throws MessagingException, IOException {
        if (automatic(message)) {
            log.info("An automatic reply in the replies mailbox was left there");
            return ImapMailbox.Read.LEFT;
        }
        if (message.getFrom() == null
                || message.getFrom().length == 0
                || !(message.getFrom()[0] instanceof InternetAddress sender)
                || sender.getAddress() == null) {
            log.info("A message without a sender in the replies mailbox was left there");
            return ImapMailbox.Read.LEFT;
        }
        if (!authentic(message, properties.authservId())) {
            log.warn("A reply whose sender the mail server did not find authentic was left in the replies mailbox");
            return ImapMailbox.Read.LEFT;
        }
        String from = sender.getAddress().strip().toLowerCase(Locale.ROOT);
        List<Map<String, Object>> answered = jdbc.queryForList(
                "select id, subject from outbound_message where to_index = ? and channel = 'email' "
                        + "and status in ('SENT', 'DELIVERED', 'UNKNOWN') order by created_at desc fetch first 1 rows only",
                cipher.index(from));
        if (answered.isEmpty()) {
            log.info("Mail from an address CareLoop never emailed was left in the replies mailbox");
            return ImapMailbox.Read.LEFT;
        }
        String received = EmailReplyText.textOf(message);
        List<String> markers = new ArrayList<>(List.of(email.from(), properties.replyTo()));
        if (answered.get(0).get("subject") != null) {
            markers.add((String) answered.get(0).get("subject"));
        }
        String words = received == null
                ? ""
                : EmailReplyText.of(
                        received, List.of(sent.textSent((String) answered.get(0).get("id"))), markers);
        String subject = message.getSubject();
        if (subject != null && !isAnswer(subject, markers)) {
            // a subject of the patient's own is part of what they wrote
            words = words.isEmpty() ? subject.strip() : subject.strip() + "\n" + words;
        }
        if (words.isBlank()) {
            log.info("A reply with no words of its own was left in the replies mailbox");
            return ImapMailbox.Read.LEFT;
        }
        ReplyService.Receipt receipt =
                replies.receive("email", providerId(message, from, words), from, properties.replyTo(), words);
        log.info("Email reply taken in as inbound message {} ({})", receipt.messageId(), receipt.outcome());
        if (EmailReplyText.hasAttachment(message)) {
            log.info(
                    "Email reply {} has a file attached; left in the replies mailbox for a person",
                    receipt.messageId());
            return ImapMailbox.Read.LEFT;
        }
        return ImapMailbox.Read.DONE;
    }

    /** "Re: the subject CareLoop sent" (in any client's prefix) says nothing of the patient's own. */
    private static boolean isAnswer(String subject, List<String> markers) {
        String bare = subject.strip()
                .replaceAll("(?i)^((re|aw|sv|r|rv|fw|fwd|wg|tr)\\s*:\\s*)+", "")
                .strip();
        return bare.isEmpty() || markers.stream().anyMatch(bare::equalsIgnoreCase);
    }

    /** Out-of-office and other automatic answers (RFC 3834 {@code Auto-Submitted}, {@code Precedence}). */
    static boolean automatic(Message message) throws MessagingException {
        String[] submitted = message.getHeader("Auto-Submitted");
        if (submitted != null && !"no".equalsIgnoreCase(submitted[0].strip())) {
            return true;
        }
        String[] precedence = message.getHeader("Precedence");
        if (precedence != null && precedence[0].strip().toLowerCase(Locale.ROOT).matches("bulk|junk|list|auto_reply")) {
            return true;
        }
        return message.getHeader("X-Autoreply") != null || message.isMimeType("multipart/report");
    }

    /**
     * Whether the mail server named {@code authservId} found the sender authentic (RFC 8601 {@code
     * Authentication-Results}): DMARC passed, or, where it gave no DMARC result, SPF or DKIM passed. Without an id,
     * every reply is taken (the mailbox's server is trusted to refuse forged mail).
     */
    static boolean authentic(Message message, String authservId) throws MessagingException {
        if (authservId == null || authservId.isBlank()) {
            return true;
        }
        String[] results = message.getHeader("Authentication-Results");
        if (results == null) {
            return false;
        }
        for (String result : results) {
            String unfolded = result.replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT);
            int semicolon = unfolded.indexOf(';');
            if (semicolon < 0
                    || !unfolded.substring(0, semicolon)
                            .strip()
                            .split(" ")[0]
                            .equals(authservId.toLowerCase(Locale.ROOT))) {
                continue;
            }
            String methods = unfolded.substring(semicolon);
            if (methods.contains("dmarc=")) {
                return methods.contains("dmarc=pass");
            }
            return methods.contains("spf=pass") || methods.contains("dkim=pass");
        }
        return false;
    }

    /** The reply's Message-ID; for mail without one, a digest of its sender, date and words. */
    private static String providerId(Message message, String from, String words) throws MessagingException {
        String[] id = message.getHeader("Message-ID");
        String source =
                id != null && !id[0].isBlank() ? id[0].strip() : from + "|" + message.getSentDate() + "|" + words;
        try {
            // provider ids are kept to 64 characters: a digest keeps long Message-IDs apart
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8));
            return "email:" + HexFormat.of().formatHex(digest, 0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
