package org.careloop.engine.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The mailbox where mail servers return CareLoop's emails they could not deliver (delivery status notifications,
 * RFC 3464), read over IMAP. Emails must leave with this mailbox's address as their envelope sender
 * ({@code spring.mail.properties.mail.smtp.from}), so that the bounces come here. Off unless {@code host} is set.
 *
 * @param host         the IMAP server
 * @param port         its port (993 with {@code ssl}, else 143)
 * @param ssl          IMAP over TLS (imaps)
 * @param username     the mailbox's login
 * @param password     its password
 * @param folder       the folder bounces arrive in
 * @param pollInterval how often the mailbox is read
 */
@ConfigurationProperties("careloop.email.bounces")
public record EmailBounceProperties(
        String host,
        @DefaultValue("993") int port,
        @DefaultValue("true") boolean ssl,
        String username,
        String password,
        @DefaultValue("INBOX") String folder,
        @DefaultValue("60s") Duration pollInterval)
        implements ImapSettings {}
