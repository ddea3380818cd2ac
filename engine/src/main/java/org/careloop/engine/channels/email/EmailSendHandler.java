package org.careloop.engine.channels.email;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import org.careloop.engine.config.CareLoopProperties;
import org.careloop.engine.config.EmailProperties;
import org.careloop.engine.contact.InvalidContacts;
import org.careloop.engine.departments.Department;
import org.careloop.engine.departments.Departments;
import org.careloop.engine.fhir.PatientDirectory;
import org.careloop.engine.fhir.PatientSummary;
import org.careloop.engine.outbox.OutboxHandler;
import org.careloop.engine.outreach.EmailRequested;
import org.careloop.engine.outreach.MessageLedger;
import org.careloop.engine.outreach.MessageTemplates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Sends one queued email over SMTP: a text and an HTML part with the approved message, the sender's identity and
 * postal address, a footer that says whether replies are read (a replies mailbox, {@code Reply-To}) and how to reach
 * a person, and an unsubscribe link
 * that also works in one click from the mail client ({@code List-Unsubscribe} and {@code List-Unsubscribe-Post},
 * RFC 8058). Like a text, an email is handed over at most once: marked SENDING before, UNKNOWN if found so later.
 * An address the server refuses is marked invalid, and a coordinator is asked to update it; an unreachable server
 * is tried again.
 */
@Component
class EmailSendHandler implements OutboxHandler<EmailRequested> {

    static final String UNSUBSCRIBE_PATH = "/unsubscribe/";
    private static final Logger log = LoggerFactory.getLogger(EmailSendHandler.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final ObjectProvider<JavaMailSender> mail;
    private final EmailProperties properties;
    private final CareLoopProperties careloop;
    private final MessageLedger ledger;
    private final MessageTemplates templates;
    private final PatientDirectory patients;
    private final Departments departments;
    private final InvalidContacts contacts;
    private final EmailLinks links;
    private final org.careloop.engine.config.EmailReplyProperties replies;

    private final org.careloop.engine.crypto.PhiCipher cipher;

    EmailSendHandler(
            @Qualifier("engineJdbc") JdbcTemplate jdbc,
            Clock clock,
            ObjectProvider<JavaMailSender> mail,
            EmailProperties properties,
            CareLoopProperties careloop,
            MessageLedger ledger,
            MessageTemplates templates,
            PatientDirectory patients,
            Departments departments,
            InvalidContacts contacts,
            EmailLinks links,
            org.careloop.engine.crypto.PhiCipher cipher,
            org.careloop.engine.config.EmailReplyProperties replies) {
        this.cipher = cipher;
        this.replies = replies;
        this.jdbc = jdbc;
        this.clock = clock;
        this.mail = mail;
        this.properties = properties;
        this.careloop = careloop;
        this.ledger = ledger;
        this.templates = templates;
        this.patients = patients;
        this.departments = departments;
        this.contacts = contacts;
        this.links = links;
    }

    @Override
    public Class<EmailRequested> eventType() {
        return EmailRequested.class;
    }

    @Override
    public void handle(EmailRequested event) throws Exception {
        String messageId = event.messageId();
        Map<String, Object> row = jdbc.queryForMap(
                "select status, to_number, subject, body, patient_id from outbound_message where id = ?", messageId);
        String status = (String) row.get("status");
        String to = cipher.open((String) row.get("to_number"), org.careloop.engine.crypto.PhiCipher.OUTBOUND_TO);
        if ("SENDING".equals(status)) {
            update(messageId, "UNKNOWN", null, "Interrupted while handing to the mail server; not resent");
        } else if ("QUEUED".equals(status) && contacts.isInvalid(to)) {
            update(messageId, "INVALID_CONTACT", null, "The address was found invalid before it was sent");
        } else if ("QUEUED".equals(status)
                && jdbc.update(
                                "update outbound_message set status = 'SENDING', updated_at = ? where id = ? "
                                        + "and status = 'QUEUED'",
                                now(),
                                messageId)
                        == 1) {
            send(messageId, row);
        }
        ledger.outboundChanged(messageId);
    }

    /** What one email says: its subject, text and HTML parts, and its unsubscribe link. */
    record Content(String subject, String text, String html, String link, Department department) {}

    Content content(String messageId, Map<String, Object> row) {
        String patientId = (String) row.get("patient_id");
        PatientSummary patient = patients.find(patientId).orElse(null);
        String language = patient == null ? "en" : patient.language();
        Department department = departments.of(patient);
        String subject = row.get("subject") != null
                ? (String) row.get("subject")
                : templates.render("email-subject", language, null, department);
        String link = careloop.url(UNSUBSCRIBE_PATH + links.token(messageId));
        String body = cipher.open((String) row.get("body"), org.careloop.engine.crypto.PhiCipher.OUTBOUND_BODY);
        // with a replies mailbox, the patient may answer; without, the footer says the mailbox is not read
        String footer = templates.render(
                replies.enabled() ? "email-footer-replies" : "email-footer", language, null, department);
        String unsubscribe = templates.render("email-unsubscribe", language, null, department);
        String postal = properties.postalAddress();
        String text = body + "\n\n-- \n" + footer + "\n" + (postal.isBlank() ? "" : postal + "\n") + unsubscribe + ": "
                + link + "\n";
        String html = "<!DOCTYPE html><html lang=\"" + HtmlUtils.htmlEscape(language) + "\"><body>"
                + "<p>" + HtmlUtils.htmlEscape(body).replace("\n", "<br>") + "</p>"
                + "<hr><p style=\"color:#555;font-size:90%\">" + HtmlUtils.htmlEscape(footer) + "</p>"
                + (postal.isBlank()
                        ? ""
                        : "<p style=\"color:#555;font-size:90%\">" + HtmlUtils.htmlEscape(postal) + "</p>")
                + "<p style=\"font-size:90%\"><a href=\"" + HtmlUtils.htmlEscape(link) + "\">"
                + HtmlUtils.htmlEscape(unsubscribe) + "</a></p></body></html>";
        return new Content(subject, text, html, link, department);
    }

    /** The text part of an email CareLoop sent, as it was sent. */
    String textSent(String messageId) {
        return content(
                        messageId,
                        jdbc.queryForMap(
                                "select subject, body, patient_id from outbound_message where id = ?", messageId))
                .text();
    }

    private void send(String messageId, Map<String, Object> row) throws MessagingException {
        String to = cipher.open((String) row.get("to_number"), org.careloop.engine.crypto.PhiCipher.OUTBOUND_TO);
        String patientId = (String) row.get("patient_id");
        Content content = content(messageId, row);
        Department department = content.department();
        String link = content.link();
        JavaMailSender sender = mail.getObject();
        MimeMessage email = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(email, true, "UTF-8");
        try {
            helper.setFrom(properties.from(), department.name());
        } catch (UnsupportedEncodingException e) {
            helper.setFrom(properties.from());
        }
        if (replies.enabled()) {
            helper.setReplyTo(replies.replyTo());
        }
        helper.setTo(to);
        helper.setSubject(content.subject());
        helper.setText(content.text(), content.html());
        email.setHeader("List-Unsubscribe", "<" + link + ">");
        email.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        email.setHeader("Auto-Submitted", "auto-generated");
        try {
            sender.send(email);
            String sid = email.getMessageID();
            jdbc.update(
                    "update outbound_message set status = 'SENT', provider_sid = ?, sent_at = ?, updated_at = ? where id = ?",
                    sid == null ? null : sid.length() > 64 ? sid.substring(0, 64) : sid,
                    now(),
                    now(),
                    messageId);
            log.info("Message {} handed to the mail server", messageId);
        } catch (MailSendException e) {
            if (refusedAddress(e)) {
                contacts.refused(
                        () -> update(messageId, "FAILED", null, "The mail server refused the address"),
                        to,
                        patientId,
                        "smtp-550",
                        "the mail server refused the address");
                log.warn("Message {}: the mail server refused the address", messageId);
            } else if (notConnected(e)) {
                update(messageId, "QUEUED", null, null);
                throw e;
            } else {
                update(messageId, "UNKNOWN", null, "No clear answer from the mail server; not resent");
                log.warn("Message {}: no clear answer from the mail server; marked UNKNOWN, not resent", messageId);
            }
        } catch (MailAuthenticationException e) {
            update(messageId, "QUEUED", null, null);
            throw e;
        } catch (MailException e) {
            update(messageId, "UNKNOWN", null, "No clear answer from the mail server; not resent");
        }
    }

    private static boolean refusedAddress(MailSendException e) {
        for (Exception failure : e.getFailedMessages().values()) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof SendFailedException refused
                        && refused.getInvalidAddresses() != null
                        && refused.getInvalidAddresses().length > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean notConnected(MailSendException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException) {
                return true;
            }
        }
        for (Exception failure : e.getFailedMessages().values()) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof java.net.ConnectException) {
                    return true;
                }
            }
        }
        return false;
    }

    private void update(String messageId, String status, String sid, String detail) {
        ledger.setStatus(messageId, status, sid, detail);
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }
}
