package org.careloop.engine.channels.sms;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.codec.digest.HmacAlgorithms;
import org.apache.commons.codec.digest.HmacUtils;

/**
 * Twilio's webhook signature: HMAC-SHA1, keyed with the auth token, over the full URL followed by every
 * POST parameter name and value sorted by name, base64-encoded.
 */
public final class TwilioSignature {

    private TwilioSignature() {}

    public static String sign(String authToken, String url, Map<String, String> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value == null ? "" : value));
        byte[] mac = new HmacUtils(HmacAlgorithms.HMAC_SHA_1, authToken.getBytes(StandardCharsets.UTF_8))
                .hmac(data.toString().getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(mac);
    }

    public static boolean verify(String authToken, String url, Map<String, String> params, String signature) {
        if (signature == null || signature.isBlank() || authToken == null || authToken.isBlank()) {
            return false;
        }
        byte[] expected = sign(authToken, url, params).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.UTF_8));
    }
}
