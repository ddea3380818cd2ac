package org.careloop.engine.outreach;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.careloop.engine.config.ChatProperties;
import org.springframework.stereotype.Component;

/**
 * The signed, expiring link to a patient's web chat: the patient's id and the link's end, with an HMAC-SHA256 of both,
 * so that a link names one patient, cannot be made up for another and stops working when it ends.
 */
@Component
public class ChatLinks {

    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private final byte[] key;
    private final ChatProperties properties;
    private final Clock clock;

    ChatLinks(ChatProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.key = org.careloop.engine.config.SigningKeys.of(
                properties.linkSecret(), properties.enabled(), "careloop.chat.link-secret", "chat links");
    }

    /** A token for the patient's chat, valid for {@code careloop.chat.valid-for} from now. */
    public String token(String patientId) {
        return token(patientId, clock.instant().plus(properties.validFor()));
    }

    /** A token that ends at the given time (a test makes one that has ended). */
    public String token(String patientId, Instant ends) {
        String payload =
                BASE64.encodeToString(patientId.getBytes(StandardCharsets.UTF_8)) + "." + ends.getEpochSecond();
        return payload + "." + mac(payload);
    }

    /** What a token says, if its signature is right: the patient, and whether the link has ended. */
    public Optional<Access> read(String token) {
        if (token == null || token.length() > 300) {
            return Optional.empty();
        }
        int last = token.lastIndexOf('.');
        int first = token.indexOf('.');
        if (first <= 0 || last == first) {
            return Optional.empty();
        }
        String payload = token.substring(0, last);
        if (!MessageDigest.isEqual(
                mac(payload).getBytes(StandardCharsets.US_ASCII),
                token.substring(last + 1).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        try {
            String patientId =
                    new String(Base64.getUrlDecoder().decode(token.substring(0, first)), StandardCharsets.UTF_8);
            Instant ends = Instant.ofEpochSecond(Long.parseLong(token.substring(first + 1, last)));
            return Optional.of(new Access(patientId, !ends.isAfter(clock.instant())));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    /** @param ended the link's time is over: the patient asks for a new one */
    public record Access(String patientId, boolean ended) {}

    /** A keyed digest of a text (a one-time code with its patient), so that the text itself is never stored. */
    public String digest(String text) {
        return mac("digest:" + text);
    }

    private String mac(String payload) {
        return org.careloop.engine.config.SigningKeys.sign(key, payload);
    }
}
