package org.careloop.engine.channels.sms;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.careloop.engine.config.LookupProperties;
import org.careloop.engine.contact.LineTypes;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * The carrier lookup in the Twilio Lookup v2 dialect: {@code GET {base}/v2/PhoneNumbers/{number}?Fields=
 * line_type_intelligence,line_status}, HTTP Basic with the SMS account. The answer says whether the number is valid,
 * its line type and whether it is in service; it is kept ({@link LineTypes}) so that a number is asked about once.
 */
@Component
public class TwilioLookupClient {

    private final SmsProperties sms;
    private final LookupProperties lookup;
    private final LineTypes lines;
    private final RestClient http;

    TwilioLookupClient(SmsProperties sms, LookupProperties lookup, LineTypes lines, RestClient.Builder builder) {
        this.sms = sms;
        this.lookup = lookup;
        this.lines = lines;
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(Duration.ofSeconds(5));
        requests.setReadTimeout(Duration.ofSeconds(10));
        this.http = builder.requestFactory(requests).build();
    }

    public boolean enabled() {
        return lookup.enabled() && sms.configured();
    }

    /**
     * What is known of the number, asking the lookup service when nothing fresh is kept.
     *
     * @return the line, and whether it was asked now (a first answer) rather than kept from before
     * @throws RuntimeException when the service cannot answer (nothing is kept: the next message asks again)
     */
    public Answer line(String number) {
        var known = lines.known(number);
        if (known.isPresent()) {
            return new Answer(known.get(), false);
        }
        LineTypes.Line line = ask(number);
        lines.record(number, line);
        return new Answer(line, true);
    }

    /** @param fresh the lookup service was asked now */
    public record Answer(LineTypes.Line line, boolean fresh) {}

    private LineTypes.Line ask(String number) {
        SmsProperties.Twilio twilio = sms.twilio();
        String base = lookup.baseUrl().toString().replaceAll("/+$", "");
        JsonNode answer = http.get()
                .uri(base + "/v2/PhoneNumbers/{number}?Fields=line_type_intelligence,line_status", number)
                .headers(h -> h.setBasicAuth(twilio.accountSid(), twilio.authToken()))
                .accept(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.USER_AGENT, "CareLoop")
                .retrieve()
                .body(JsonNode.class);
        if (answer == null || !answer.has("valid")) {
            throw new IllegalStateException("The lookup service answered without saying whether the number is valid");
        }
        JsonNode type = answer.path("line_type_intelligence").path("type");
        JsonNode status = answer.path("line_status").path("status");
        return new LineTypes.Line(
                answer.path("valid").asBoolean(false),
                type.isTextual() ? type.asText() : null,
                status.isTextual() ? status.asText() : null);
    }
}
