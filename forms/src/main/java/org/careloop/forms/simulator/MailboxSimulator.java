package org.careloop.forms.simulator;

import java.time.Instant;
import java.util.List;

/** The demo's mail server as the patient simulator shows it: the emails CareLoop sent, newest first. */
public interface MailboxSimulator {

    /**
     * @param id          the email's {@code Message-ID}
     * @param unsubscribe the email's {@code List-Unsubscribe} link
     * @param replyTo     where an answer goes ({@code Reply-To}), or null when the email takes no answer
     */
    record Email(
            String id,
            Instant at,
            String to,
            String from,
            String subject,
            String text,
            String unsubscribe,
            String replyTo) {}

    List<Email> emails();

    /**
     * The patient answers the email with this {@code Message-ID} from their mail client: the words above a quote of
     * the email, sent to its {@code Reply-To} over SMTP.
     *
     * @return false when no email with that id takes an answer
     */
    boolean reply(String messageId, String words);
}
