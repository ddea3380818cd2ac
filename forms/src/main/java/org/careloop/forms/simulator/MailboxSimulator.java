package org.careloop.forms.simulator;

import java.time.Instant;
import java.util.List;

/** The demo's mail server as the patient simulator shows it: the emails CareLoop sent, newest first. */
public interface MailboxSimulator {

    /**
     * @param unsubscribe the email's {@code List-Unsubscribe} link
     */
    record Email(Instant at, String to, String from, String subject, String text, String unsubscribe) {}

    List<Email> emails();
}
