package org.careloop.engine.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The email channel (SMTP through {@code spring.mail.*}).
 *
 * @param enabled       whether this node sends email at all; without it, email is never chosen
 * @param from          the sender address; its display name is the patient's department's (or the organisation's)
 * @param postalAddress the sender's postal address, printed in every email's footer
 * @param linkSecret    the key that signs the unsubscribe links (at least 32 characters); without one, a key is
 *                      made at start and the links of earlier emails stop working at the next restart
 * @param simulator     the demo's own SMTP server (GreenMail) on {@code spring.mail.port}, loopback only, whose
 *                      mailbox the patient simulator shows
 */
@ConfigurationProperties("careloop.email")
public record EmailProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("no-reply@careloop.invalid") String from,
        @DefaultValue("") String postalAddress,
        String linkSecret,
        @DefaultValue("false") boolean simulator) {}
