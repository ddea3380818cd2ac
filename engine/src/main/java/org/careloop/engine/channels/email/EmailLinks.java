package org.careloop.engine.channels.email;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.careloop.engine.config.EmailProperties;
import org.springframework.stereotype.Component;

/**
 * The unsubscribe link of an email: the message's id with an HMAC-SHA256 of it, so that a link names one email and
 * cannot be made up for another.
 */
@Component
class EmailLinks {

    private final byte[] key;

    EmailLinks(EmailProperties properties) {
        key = org.careloop.engine.config.SigningKeys.of(
                properties.linkSecret(),
                properties.enabled(),
                "careloop.email.link-secret",
                "unsubscribe links of emails");
    }

    String token(String messageId) {
        return messageId + "." + mac(messageId);
    }

    /** The message a token names, if its signature is right. */
    Optional<String> messageOf(String token) {
        int dot = token == null ? -1 : token.lastIndexOf('.');
        if (dot <= 0 || token.length() > 200) {
            return Optional.empty();
        }
        String messageId = token.substring(0, dot);
        boolean valid = MessageDigest.isEqual(
                mac(messageId).getBytes(StandardCharsets.US_ASCII),
                token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII));
        return valid ? Optional.of(messageId) : Optional.empty();
    }

    private String mac(String messageId) {
        return org.careloop.engine.config.SigningKeys.sign(key, messageId);
    }
}
