package org.careloop.engine.channels.email;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.mail.MailProperties;
import org.springframework.stereotype.Component;

/**
 * The demo's mail server: a real SMTP server (GreenMail) on the loopback address and {@code spring.mail.port}, which
 * takes every email CareLoop sends and keeps it in memory, where the patient simulator and the tests read it.
 */
@Component
@ConditionalOnProperty(name = "careloop.email.simulator", havingValue = "true")
public class SimulatedMailServer implements DisposableBean, org.careloop.forms.simulator.MailboxSimulator {

    private static final Logger log = LoggerFactory.getLogger(SimulatedMailServer.class);

    private final GreenMail server;
    private final int smtpPort;

    SimulatedMailServer(
            MailProperties mail,
            org.careloop.engine.config.EmailBounceProperties bounces,
            org.careloop.engine.config.EmailReplyProperties replies) {
        // a bounce or replies mailbox on this host is served over IMAP too, as an organisation's mail server would
        boolean bounceHere = bounces.enabled() && "127.0.0.1".equals(bounces.host()) && !bounces.ssl();
        boolean repliesHere = replies.enabled() && "127.0.0.1".equals(replies.host()) && !replies.ssl();
        if (bounceHere && repliesHere && bounces.port() != replies.port()) {
            throw new IllegalStateException("The simulated mail server serves one IMAP port: set "
                    + "careloop.email.bounces.port and careloop.email.replies.port alike");
        }
        smtpPort = mail.getPort();
        server = bounceHere || repliesHere
                ? new GreenMail(new ServerSetup[] {
                    new ServerSetup(mail.getPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                    new ServerSetup(
                            bounceHere ? bounces.port() : replies.port(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
                })
                : new GreenMail(new ServerSetup(mail.getPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        if (bounceHere) {
            server.setUser(bounces.username(), bounces.username(), bounces.password());
            log.info("Simulated mail server: bounce mailbox over IMAP on 127.0.0.1:{}", bounces.port());
        }
        if (repliesHere) {
            server.setUser(replies.replyTo(), replies.username(), replies.password());
            log.info("Simulated mail server: replies mailbox over IMAP on 127.0.0.1:{}", replies.port());
        }
        log.info("Simulated mail server listening on 127.0.0.1:{}", mail.getPort());
    }

    /** Every email received so far, oldest first. */
    public List<MimeMessage> received() {
        return Arrays.asList(server.getReceivedMessages());
    }

    @Override
    public List<Email> emails() {
        List<Email> emails = new java.util.ArrayList<>();
        List<MimeMessage> all = received();
        for (int i = all.size() - 1; i >= 0 && emails.size() < 50; i--) {
            MimeMessage message = all.get(i);
            try {
                String[] unsubscribe = message.getHeader("List-Unsubscribe");
                String[] replyTo = message.getHeader("Reply-To");
                emails.add(new Email(
                        message.getMessageID(),
                        message.getSentDate() == null
                                ? null
                                : message.getSentDate().toInstant(),
                        message.getAllRecipients()[0].toString(),
                        message.getFrom()[0].toString(),
                        message.getSubject(),
                        java.util.Objects.requireNonNullElse(textOf(message.getContent()), ""),
                        unsubscribe == null ? null : unsubscribe[0].replaceAll("^<|>$", ""),
                        replyTo == null ? null : replyTo[0]));
            } catch (jakarta.mail.MessagingException | java.io.IOException e) {
                log.warn("A received email could not be read: {}", e.getMessage());
            }
        }
        return emails;
    }

    @Override
    public boolean reply(String messageId, String words) {
        try {
            for (MimeMessage email : received()) {
                if (messageId.equals(email.getMessageID()) && email.getHeader("Reply-To") != null) {
                    send(answer(email, words));
                    return true;
                }
            }
        } catch (jakarta.mail.MessagingException | java.io.IOException e) {
            throw new IllegalStateException("The simulated patient's answer could not be written", e);
        }
        return false;
    }

    /** What a patient's mail client sends: "Re:", In-Reply-To, their words above the quoted email. */
    private static MimeMessage answer(MimeMessage email, String words)
            throws jakarta.mail.MessagingException, java.io.IOException {
        MimeMessage answer = (MimeMessage) email.reply(false);
        answer.setFrom(email.getAllRecipients()[0]);
        String quoted = java.util.Objects.requireNonNullElse(textOf(email.getContent()), "")
                .lines()
                .map(line -> "> " + line)
                .collect(java.util.stream.Collectors.joining("\n"));
        answer.setText(
                words + "\n\nOn " + email.getSentDate() + ", " + email.getFrom()[0] + " wrote:\n" + quoted + "\n",
                "UTF-8");
        return answer;
    }

    private void send(MimeMessage message) {
        var sender = new org.springframework.mail.javamail.JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(smtpPort);
        sender.send(message);
    }

    private static String textOf(Object content) throws jakarta.mail.MessagingException, java.io.IOException {
        if (content instanceof String text) {
            return text;
        }
        if (content instanceof jakarta.mail.Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                jakarta.mail.BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType("text/plain")) {
                    return (String) part.getContent();
                }
                String nested = part.isMimeType("multipart/*") ? textOf(part.getContent()) : null;
                if (nested != null) {
                    return nested;
                }
            }
        }
        return null;
    }

    @Override
    public void destroy() {
        server.stop();
    }
}
