package org.careloop.engine.config;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The keys that sign CareLoop's links (unsubscribe, chat), and their HMAC-SHA256 signatures. */
public final class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private SigningKeys() {}

    /**
     * The configured secret (32+ characters), or a random key made now, with a warning when the links are in use:
     * links signed with it stop working at the next restart.
     */
    public static byte[] of(String secret, boolean inUse, String property, String links) {
        if (secret != null && secret.length() >= 32) {
            return secret.getBytes(StandardCharsets.UTF_8);
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        if (inUse) {
            log.warn(
                    "{} is not set (32+ characters): {} given before the next restart will not work after it",
                    property,
                    links);
        }
        return key;
    }

    /** The HMAC-SHA256 of a text, base64url without padding. */
    public static String sign(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
