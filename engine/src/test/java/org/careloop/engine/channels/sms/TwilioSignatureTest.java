package org.careloop.engine.channels.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwilioSignatureTest {

    private static final String URL = "https://careloop.example.org/webhooks/twilio/sms";

    private static Map<String, String> params() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("To", "+16175550100");
        params.put("From", "+16175550142");
        params.put("MessageSid", "SM0123456789abcdef0123456789abcdef");
        params.put("Body", "fine thanks");
        return params;
    }

    @Test
    void signatureIsHmacSha1OverTheUrlAndTheSortedParameters() throws Exception {
        var mac = javax.crypto.Mac.getInstance("HmacSHA1");
        mac.init(new javax.crypto.spec.SecretKeySpec("token".getBytes(), "HmacSHA1"));
        String data = URL + "Bodyfine thanks" + "From+16175550142" + "MessageSidSM0123456789abcdef0123456789abcdef"
                + "To+16175550100";
        String expected = java.util.Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes()));

        assertThat(TwilioSignature.sign("token", URL, params())).isEqualTo(expected);
    }

    /** Twilio's published example (request validation docs; the SDKs' shared fixture): not made by this code. */
    @Test
    void matchesTheSignaturesTwilioPublishesForItsExampleRequest() {
        String url = "https://mycompany.com/myapp.php?foo=1&bar=2";
        for (Map.Entry<String, String> example : Map.of(
                        "+14158675310", "GvWf1cFY/Q7PnoempGyD5oXAezc=",
                        "+14158675309", "RSOYDt4T1cUTdK1PDd93/VVr8B8=")
                .entrySet()) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("CallSid", "CA1234567890ABCDE");
            params.put("Caller", example.getKey());
            params.put("Digits", "1234");
            params.put("From", example.getKey());
            params.put("To", "+18005551212");

            assertThat(TwilioSignature.sign("12345", url, params)).isEqualTo(example.getValue());
            assertThat(TwilioSignature.verify("12345", url, params, example.getValue()))
                    .isTrue();
        }
    }

    @Test
    void verifiesItsOwnSignatureRegardlessOfParameterOrder() {
        String signature = TwilioSignature.sign("token", URL, params());
        Map<String, String> reordered = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
        reordered.putAll(params());

        assertThat(TwilioSignature.verify("token", URL, reordered, signature)).isTrue();
    }

    @Test
    void refusesATamperedBodyAnotherUrlAnotherTokenOrNoSignature() {
        String signature = TwilioSignature.sign("token", URL, params());
        Map<String, String> tampered = params();
        tampered.put("Body", "STOP");

        assertThat(TwilioSignature.verify("token", URL, tampered, signature)).isFalse();
        assertThat(TwilioSignature.verify("token", URL + "?x=1", params(), signature))
                .isFalse();
        assertThat(TwilioSignature.verify("other", URL, params(), signature)).isFalse();
        assertThat(TwilioSignature.verify("token", URL, params(), null)).isFalse();
        assertThat(TwilioSignature.verify("", URL, params(), signature)).isFalse();
    }
}
