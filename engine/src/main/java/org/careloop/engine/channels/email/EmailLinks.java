package org.careloop.engine.channels.email;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.careloop.engine.config.EmailProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The unsubscribe link of an email: the message's id with an HMAC-SHA256 of it, so that a link names one email and
 * cannot be made up for another.
 */
@Component
class EmailLinks {

    private static final Logger log = LoggerFactory.getLogger(EmailLinks.class);

    private final byte[] key;

    EmailLinks(EmailProperties properties) {
        if (properties.linkSecret() != null && properties.linkSecret().length() >= 32) {
            key = properties.linkSecret().getBytes(StandardCharsets.UTF_8);
        } else {
            key = new byte[32];
            new SecureRandom().nextBytes(key);
            if (properties.enabled()) {
                log.warn("careloop.email.link-secret is not set (32+ characters): unsubscribe links of emails sent "
                        + "before the next restart will not work after it");
            }
        }
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
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(mac.doFinal(messageId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
