package org.careloop.engine.config;

/** A mailbox CareLoop reads over IMAP: where it is and how to log in. */
public interface ImapSettings {

    String host();

    int port();

    /** IMAP over TLS (imaps). */
    boolean ssl();

    String username();

    String password();

    String folder();

    /** Whether the mailbox is set at all (a host). */
    default boolean enabled() {
        return host() != null && !host().isBlank();
    }
}
