package org.careloop.engine.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The mailbox that patients' answers to CareLoop's emails reach, read over IMAP. With it, every email carries its
 * address as {@code Reply-To} and says that replies are read; without it, emails say their mailbox is not read.
 * Off unless {@code host} is set.
 *
 * @param address      the address patients reply to; the mailbox's login when not set
 * @param host         the IMAP server
 * @param port         its port (993 with {@code ssl}, else 143)
 * @param ssl          IMAP over TLS (imaps)
 * @param username     the mailbox's login
 * @param password     its password
 * @param folder       the folder replies arrive in
 * @param pollInterval how often the mailbox is read
 * @param authservId   when set, a reply is taken as the patient's only if the mail server that received it (this
 *                     authentication service id, RFC 8601) found its sender's domain authentic ({@code dmarc=pass},
 *                     or {@code spf=pass} or {@code dkim=pass}); any other is left in the mailbox for a person
 */
@ConfigurationProperties("careloop.email.replies")
public record EmailReplyProperties(
        String address,
        String host,
        @DefaultValue("993") int port,
        @DefaultValue("true") boolean ssl,
        String username,
        String password,
        @DefaultValue("INBOX") String folder,
        @DefaultValue("30s") Duration pollInterval,
        String authservId)
        implements ImapSettings {

    /** Where patients reply to. */
    public String replyTo() {
        return address == null || address.isBlank() ? username : address;
    }
}
