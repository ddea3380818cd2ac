package org.careloop.engine.channels.sms;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.careloop.engine.config.CareLoopProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** What every Twilio-dialect webhook does first: read the form, and refuse it unless its signature is valid. */
@Component
public class TwilioWebhooks {

    private static final Logger log = LoggerFactory.getLogger(TwilioWebhooks.class);

    private final SmsProperties sms;
    private final CareLoopProperties careloop;

    TwilioWebhooks(SmsProperties sms, CareLoopProperties careloop) {
        this.sms = sms;
        this.careloop = careloop;
    }

    /** The request's form parameters, the first value of each. */
    public static Map<String, String> params(HttpServletRequest request) {
        Map<String, String> params = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> params.put(name, values.length == 0 ? "" : values[0]));
        return params;
    }

    /**
     * A 403 when the request's {@code X-Twilio-Signature} is missing or not the signature of {@code
     * careloop.public-base-url} + path and the parameters; empty when it is valid.
     */
    public Optional<ResponseEntity<String>> refuseUnsigned(
            HttpServletRequest request, String path, Map<String, String> params) {
        String token = sms.twilio() == null ? null : sms.twilio().authToken();
        if (!TwilioSignature.verify(token, careloop.url(path), params, request.getHeader("X-Twilio-Signature"))) {
            log.warn("Refused webhook {} with a missing or invalid signature", path.replaceAll("[0-9a-f-]{36}", "…"));
            return Optional.of(error(403, "Missing or invalid X-Twilio-Signature"));
        }
        return Optional.empty();
    }

    /** A plain-text answer with a message and no detail of the server. */
    public static ResponseEntity<String> error(int status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN).body(message);
    }
}
