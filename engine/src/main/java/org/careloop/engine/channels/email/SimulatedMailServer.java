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

    SimulatedMailServer(MailProperties mail, org.careloop.engine.config.EmailBounceProperties bounces) {
        // with a bounce mailbox on this host, the simulator serves it over IMAP too, as an organisation's mail server
        boolean imap = bounces.enabled() && "127.0.0.1".equals(bounces.host()) && !bounces.ssl();
        server = imap
                ? new GreenMail(new ServerSetup[] {
                    new ServerSetup(mail.getPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                    new ServerSetup(bounces.port(), "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
                })
                : new GreenMail(new ServerSetup(mail.getPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        if (imap) {
            server.setUser(bounces.username(), bounces.username(), bounces.password());
            log.info("Simulated mail server: bounce mailbox over IMAP on 127.0.0.1:{}", bounces.port());
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
                emails.add(new Email(
                        message.getSentDate() == null
                                ? null
                                : message.getSentDate().toInstant(),
                        message.getAllRecipients()[0].toString(),
                        message.getFrom()[0].toString(),
                        message.getSubject(),
                        java.util.Objects.requireNonNullElse(textOf(message.getContent()), ""),
                        unsubscribe == null ? null : unsubscribe[0].replaceAll("^<|>$", "")));
            } catch (jakarta.mail.MessagingException | java.io.IOException e) {
                log.warn("A received email could not be read: {}", e.getMessage());
            }
        }
        return emails;
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
