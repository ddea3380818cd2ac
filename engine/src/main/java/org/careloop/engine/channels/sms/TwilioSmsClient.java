package org.careloop.engine.channels.sms;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * The provider's REST API in the Twilio dialect: SMS ({@code POST {base}/2010-04-01/Accounts/{sid}/Messages.json})
 * and automated calls ({@code …/Calls.json}, whose words come from CareLoop's TwiML webhook at {@code Url}).
 */
@Component
public class TwilioSmsClient {

    private final SmsProperties properties;
    private final RestClient http;

    TwilioSmsClient(SmsProperties properties, RestClient.Builder builder) {
        this.properties = properties;
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(Duration.ofSeconds(5));
        requests.setReadTimeout(
                properties.twilio() == null || properties.twilio().readTimeout() == null
                        ? Duration.ofSeconds(15)
                        : properties.twilio().readTimeout());
        this.http = builder.requestFactory(requests).build();
    }

    /** The provider's answer to a send: its message sid and status. */
    public record Accepted(String sid, String status) {}

    /** The provider refused the message for good (invalid number, blocked recipient, …). */
    public static class Rejected extends RuntimeException {
        private final String code;

        public Rejected(String message) {
            this(message, null);
        }

        public Rejected(String message, String code) {
            super(message);
            this.code = code;
        }

        /** The provider's error code, or null. */
        public String code() {
            return code;
        }
    }

    /**
     * The message the provider accepted for this number with this text on or after {@code since}, if any: Twilio's
     * {@code GET …/Messages.json?To=…&DateSent>=…}, newest first, one page.
     */
    public java.util.Optional<Accepted> findAccepted(String to, String body, java.time.Instant since) {
        JsonNode answer = list("Messages.json", "DateSent", "messages", to, since);
        for (JsonNode message : answer.path("messages")) {
            if (body.equals(message.path("body").asText(null))
                    && to.equals(message.path("to").asText(null))) {
                return java.util.Optional.of(new Accepted(
                        message.path("sid").asText(), message.path("status").asText("queued")));
            }
        }
        return java.util.Optional.empty();
    }

    public Accepted send(String to, String body, String statusCallback) {
        return send(null, to, body, statusCallback);
    }

    /** @param from the sender number, or null for the configured default ({@code careloop.sms.twilio.from}) */
    public Accepted send(String from, String to, String body, String statusCallback) {
        if (!properties.configured()) {
            throw new IllegalStateException("SMS provider is not configured (careloop.sms.twilio.*)");
        }
        SmsProperties.Twilio twilio = properties.twilio();
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("To", to);
        form.add("From", from == null ? twilio.from() : from);
        form.add("Body", body);
        if (statusCallback != null) {
            form.add("StatusCallback", statusCallback);
        }
        return create("Messages.json", form, "message");
    }

    /**
     * Creates a message or a call ({@code POST …/Accounts/{sid}/<resource>}) and answers its sid. Throttling (429)
     * and refused credentials (401) are thrown as they are, worth retrying; any other 4xx is a {@link Rejected}.
     */
    private Accepted create(String resource, MultiValueMap<String, String> form, String what) {
        SmsProperties.Twilio twilio = properties.twilio();
        String base = twilio.baseUrl().toString().replaceAll("/+$", "");
        try {
            JsonNode answer = http.post()
                    .uri(base + "/2010-04-01/Accounts/{sid}/" + resource, twilio.accountSid())
                    .headers(h -> h.setBasicAuth(twilio.accountSid(), twilio.authToken()))
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .accept(MediaType.APPLICATION_JSON)
                    .header(HttpHeaders.USER_AGENT, "CareLoop")
                    .body(form)
                    .retrieve()
                    .body(JsonNode.class);
            if (answer == null || !answer.hasNonNull("sid")) {
                throw new IllegalStateException("Provider answered without a " + what + " sid");
            }
            return new Accepted(
                    answer.get("sid").asText(), answer.path("status").asText("queued"));
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode().value() == 429 || e.getStatusCode().value() == 401) {
                throw e; // throttled or misconfigured credentials: worth retrying once fixed
            }
            JsonNode error = e.getResponseBodyAs(JsonNode.class);
            String detail = error == null
                    ? e.getStatusText()
                    : error.path("code").asText("") + " "
                            + error.path("message").asText("");
            throw new Rejected(
                    "Provider refused the " + what + ": " + detail.trim(),
                    error == null ? null : error.path("code").asText(null));
        }
    }

    /**
     * One page of the provider's list of messages or calls to a number on or after the day of {@code since}, newest
     * first: {@code GET …/{resource}?To=…&{dateFilter}>=…}; the answer holds its items under {@code items}.
     */
    private JsonNode list(String resource, String dateFilter, String items, String to, java.time.Instant since) {
        if (!properties.configured()) {
            throw new IllegalStateException("The provider is not configured (careloop.sms.twilio.*)");
        }
        SmsProperties.Twilio twilio = properties.twilio();
        String base = twilio.baseUrl().toString().replaceAll("/+$", "");
        String day =
                java.time.LocalDate.ofInstant(since, java.time.ZoneOffset.UTC).toString();
        JsonNode answer = http.get()
                .uri(
                        base + "/2010-04-01/Accounts/{sid}/" + resource + "?To={to}&" + dateFilter
                                + ">={day}&PageSize=100",
                        twilio.accountSid(),
                        to,
                        day)
                .headers(h -> h.setBasicAuth(twilio.accountSid(), twilio.authToken()))
                .accept(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.USER_AGENT, "CareLoop")
                .retrieve()
                .body(JsonNode.class);
        if (answer == null || !answer.path(items).isArray()) {
            throw new IllegalStateException("The provider answered a list without " + items);
        }
        return answer;
    }

    /** A call as the provider lists it. */
    public record ListedCall(String sid, String status, java.time.Instant created) {}

    /**
     * The calls the provider placed to this number on or after the day of {@code since}: Twilio's {@code GET
     * …/Calls.json?To=…&StartTime>=…}, newest first, one page.
     */
    public java.util.List<ListedCall> findCalls(String to, java.time.Instant since) {
        JsonNode answer = list("Calls.json", "StartTime", "calls", to, since);
        java.util.List<ListedCall> calls = new java.util.ArrayList<>();
        for (JsonNode call : answer.path("calls")) {
            String created = call.path("date_created").asText("");
            if (to.equals(call.path("to").asText(null)) && !created.isBlank()) {
                calls.add(new ListedCall(
                        call.path("sid").asText(),
                        call.path("status").asText("queued"),
                        java.time.ZonedDateTime.parse(created, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
                                .toInstant()));
            }
        }
        return calls;
    }

    /**
     * Places an automated call: the provider calls {@code to} from {@code from} and, once answered, asks {@code
     * twimlUrl} what to say.
     *
     * @param from the caller id, or null for the configured default ({@code careloop.sms.twilio.from})
     * @throws Rejected when the provider refuses the call for good (e.g. 21215, a number it may not call)
     */
    public Accepted call(String from, String to, String twimlUrl, String statusCallback) {
        if (!properties.configured()) {
            throw new IllegalStateException("Voice provider is not configured (careloop.sms.twilio.*)");
        }
        SmsProperties.Twilio twilio = properties.twilio();
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("To", to);
        form.add("From", from == null ? twilio.from() : from);
        form.add("Url", twimlUrl);
        form.add("Method", "POST");
        if (statusCallback != null) {
            form.add("StatusCallback", statusCallback);
            form.add("StatusCallbackMethod", "POST");
        }
        return create("Calls.json", form, "call");
    }

    /**
     * Whether a failed send may still have been accepted. Only failures that prove the provider did not take the
     * message are retried: no connection at all, not configured, throttled (429), unavailable (503) or refused
     * credentials (401). A read timeout, a dropped connection, any other 5xx or an answer without a sid may mean it
     * was accepted.
     */
    public static boolean mayHaveReachedTheProvider(RuntimeException e) {
        if (e instanceof IllegalStateException
                && e.getMessage() != null
                && e.getMessage().contains("not configured")) {
            return false;
        }
        if (e instanceof org.springframework.web.client.HttpStatusCodeException status) {
            int code = status.getStatusCode().value();
            return !(code == 429 || code == 503 || code == 401);
        }
        if (e instanceof org.springframework.web.client.ResourceAccessException access) {
            Throwable cause = access.getCause();
            return !(cause instanceof java.net.ConnectException
                    || cause instanceof java.net.UnknownHostException
                    || cause instanceof java.net.NoRouteToHostException
                    || cause instanceof java.net.SocketTimeoutException
                            && cause.getMessage() != null
                            && cause.getMessage()
                                    .toLowerCase(java.util.Locale.ROOT)
                                    .contains("connect"));
        }
        return true;
    }
}
