package org.careloop.engine.channels.sms.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.careloop.engine.channels.sms.SmsProperties;
import org.careloop.engine.config.CareLoopProperties;
import org.careloop.engine.contact.PhoneNumbers;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A faithful stand-in for the provider's public Messages API: same path, HTTP Basic with the account sid
 * and auth token, form-encoded request, JSON answer shaped like the provider's, the provider's error codes
 * (20003 authentication, 21211 invalid To, 21602 missing Body, 21617 Body too long).
 */
@RestController
@ConditionalOnProperty(name = "careloop.sms.provider", havingValue = "simulator")
class SimulatedTwilioApi {

    private static final int MAX_BODY = 1600;

    private final SmsProperties sms;
    private final SimulatedPhones phones;
    private final PhoneNumbers phoneNumbers;
    private final CareLoopProperties careloop;

    private final java.util.Set<String> landlines;
    private final java.util.Set<String> disconnected;

    SimulatedTwilioApi(
            SmsProperties sms,
            SimulatedPhones phones,
            PhoneNumbers phoneNumbers,
            CareLoopProperties careloop,
            @org.springframework.beans.factory.annotation.Value("${careloop.sms.simulator.landlines:}")
                    java.util.Set<String> landlines,
            @org.springframework.beans.factory.annotation.Value("${careloop.sms.simulator.disconnected:}")
                    java.util.Set<String> disconnected) {
        this.landlines = java.util.Set.copyOf(landlines);
        this.disconnected = java.util.Set.copyOf(disconnected);
        this.careloop = careloop;
        this.sms = sms;
        this.phones = phones;
        this.phoneNumbers = phoneNumbers;
    }

    @PostMapping(
            path = "/simulator/twilio/2010-04-01/Accounts/{accountSid}/Messages.json",
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> createMessage(
            @PathVariable String accountSid,
            @RequestHeader(name = "Authorization", required = false) String authorization,
            @RequestParam(name = "To", required = false) String to,
            @RequestParam(name = "From", required = false) String from,
            @RequestParam(name = "Body", required = false) String body,
            @RequestParam(name = "StatusCallback", required = false) String statusCallback) {
        if (!authorised(accountSid, authorization)) {
            return error(HttpStatus.UNAUTHORIZED, 20003, "Authenticate");
        }
        if (to == null || phoneNumbers.e164(to).filter(to::equals).isEmpty()) {
            return invalidTo(to);
        }
        if (body == null || body.isBlank()) {
            return error(HttpStatus.BAD_REQUEST, 21602, "Message body is required.");
        }
        if (body.length() > MAX_BODY) {
            return error(
                    HttpStatus.BAD_REQUEST, 21617, "The concatenated message body exceeds the 1600 character limit.");
        }
        if (!ours(statusCallback)) {
            return invalidCallback();
        }
        String sid = phones.accept(from, to, body, statusCallback);
        String now = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("sid", sid);
        answer.put("account_sid", accountSid);
        answer.put("to", to);
        answer.put("from", from);
        answer.put("body", body);
        answer.put("status", "queued");
        answer.put("direction", "outbound-api");
        answer.put("num_segments", String.valueOf((body.length() + 152) / 153));
        answer.put("date_created", now);
        answer.put("date_updated", now);
        answer.put("uri", "/2010-04-01/Accounts/" + accountSid + "/Messages/" + sid + ".json");
        return ResponseEntity.status(HttpStatus.CREATED).body(answer);
    }

    /**
     * Twilio's Calls API: places an automated call whose words the phone fetches from {@code Url} once answered
     * (errors 21205 invalid Url, 21213 From required, 21211 invalid To).
     */
    @PostMapping(
            path = "/simulator/twilio/2010-04-01/Accounts/{accountSid}/Calls.json",
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> createCall(
            @PathVariable String accountSid,
            @RequestHeader(name = "Authorization", required = false) String authorization,
            @RequestParam(name = "To", required = false) String to,
            @RequestParam(name = "From", required = false) String from,
            @RequestParam(name = "Url", required = false) String url,
            @RequestParam(name = "StatusCallback", required = false) String statusCallback) {
        if (!authorised(accountSid, authorization)) {
            return error(HttpStatus.UNAUTHORIZED, 20003, "Authenticate");
        }
        if (to == null || phoneNumbers.e164(to).filter(to::equals).isEmpty()) {
            return invalidTo(to);
        }
        if (from == null || from.isBlank()) {
            return error(HttpStatus.BAD_REQUEST, 21213, "Caller phone number is required.");
        }
        // the simulator fetches and calls back CareLoop's own webhooks only, never an address a caller chose
        if (url == null || !url.startsWith(careloop.url("/webhooks/twilio/"))) {
            return error(
                    HttpStatus.BAD_REQUEST,
                    21205,
                    "Url is not a valid URL: the simulator only fetches this " + "server's webhooks.");
        }
        if (!ours(statusCallback)) {
            return invalidCallback();
        }
        String sid = phones.call(from, to, url, statusCallback);
        String now = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("sid", sid);
        answer.put("account_sid", accountSid);
        answer.put("to", to);
        answer.put("from", from);
        answer.put("status", "queued");
        answer.put("direction", "outbound-api");
        answer.put("date_created", now);
        answer.put("date_updated", now);
        answer.put("uri", "/2010-04-01/Accounts/" + accountSid + "/Calls/" + sid + ".json");
        return ResponseEntity.status(HttpStatus.CREATED).body(answer);
    }

    /**
     * Twilio's Lookup v2 ({@code lookups.twilio.com/v2/PhoneNumbers/{number}}) with line type and line status: a
     * number libphonenumber finds invalid is {@code valid: false}; those listed in {@code
     * careloop.sms.simulator.landlines} are landlines and those in {@code careloop.sms.simulator.disconnected} are
     * inactive; every other is an active mobile.
     */
    @org.springframework.web.bind.annotation.GetMapping(
            path = "/simulator/twilio/v2/PhoneNumbers/{number}",
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> lookUp(
            @PathVariable String number,
            @RequestHeader(name = "Authorization", required = false) String authorization) {
        if (!authorised(sms.twilio().accountSid(), authorization)) {
            return error(HttpStatus.UNAUTHORIZED, 20003, "Authenticate");
        }
        boolean valid = phoneNumbers.callableE164(number).filter(number::equals).isPresent();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("phone_number", number);
        answer.put("valid", valid);
        answer.put("validation_errors", valid ? java.util.List.of() : java.util.List.of("NOT_A_NUMBER"));
        answer.put("country_code", valid ? "US" : null);
        if (valid) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("type", landlines.contains(number) ? "landline" : "mobile");
            line.put("carrier_name", "Simulated Carrier");
            line.put("error_code", null);
            answer.put("line_type_intelligence", line);
            answer.put("line_status", Map.of("status", disconnected.contains(number) ? "inactive" : "active"));
        }
        answer.put("url", "https://lookups.twilio.com/v2/PhoneNumbers/" + number);
        return ResponseEntity.ok(answer);
    }

    /** Twilio's message list, filtered by recipient, newest first (the page CareLoop reads to settle unknown sends). */
    @org.springframework.web.bind.annotation.GetMapping(
            path = "/simulator/twilio/2010-04-01/Accounts/{accountSid}/Messages.json",
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> listMessages(
            @PathVariable String accountSid,
            @RequestHeader(name = "Authorization", required = false) String authorization,
            @RequestParam(name = "To", required = false) String to) {
        if (!authorised(accountSid, authorization)) {
            return error(HttpStatus.UNAUTHORIZED, 20003, "Authenticate");
        }
        java.util.List<Map<String, Object>> messages = phones.sentTo(to).stream()
                .map(m -> {
                    Map<String, Object> message = new LinkedHashMap<>();
                    message.put("sid", m.sid());
                    message.put("to", m.phone());
                    message.put("from", m.ours());
                    message.put("body", m.body());
                    message.put("status", m.status());
                    message.put(
                            "date_created",
                            DateTimeFormatter.RFC_1123_DATE_TIME.format(m.at().atZone(java.time.ZoneOffset.UTC)));
                    return message;
                })
                .toList();
        return ResponseEntity.ok(Map.of("messages", messages, "page", 0, "page_size", messages.size()));
    }

    /**
     * Twilio's call list, filtered by recipient, newest first (the page CareLoop reads to settle calls whose placing
     * got no answer): each call's sid, numbers, status and creation time.
     */
    @org.springframework.web.bind.annotation.GetMapping(
            path = "/simulator/twilio/2010-04-01/Accounts/{accountSid}/Calls.json",
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> listCalls(
            @PathVariable String accountSid,
            @RequestHeader(name = "Authorization", required = false) String authorization,
            @RequestParam(name = "To", required = false) String to) {
        if (!authorised(accountSid, authorization)) {
            return error(HttpStatus.UNAUTHORIZED, 20003, "Authenticate");
        }
        java.util.List<Map<String, Object>> calls = phones.callsTo(to).stream()
                .map(c -> {
                    Map<String, Object> call = new LinkedHashMap<>();
                    String created =
                            DateTimeFormatter.RFC_1123_DATE_TIME.format(c.at().atZone(java.time.ZoneOffset.UTC));
                    call.put("sid", c.sid());
                    call.put("to", c.phone());
                    call.put("from", c.ours());
                    call.put("status", c.status());
                    call.put("direction", "outbound-api");
                    call.put("date_created", created);
                    call.put("start_time", created);
                    return call;
                })
                .toList();
        return ResponseEntity.ok(Map.of("calls", calls, "page", 0, "page_size", calls.size()));
    }

    private static ResponseEntity<Map<String, Object>> invalidTo(String to) {
        return error(
                HttpStatus.BAD_REQUEST,
                21211,
                "The 'To' number " + (to == null ? "" : to) + " is not a valid phone number.");
    }

    /** No callback, or one to CareLoop's own webhooks: the simulator never calls an address a caller chose. */
    private boolean ours(String statusCallback) {
        return statusCallback == null
                || statusCallback.isBlank()
                || statusCallback.startsWith(careloop.url("/webhooks/twilio/"));
    }

    private static ResponseEntity<Map<String, Object>> invalidCallback() {
        return error(
                HttpStatus.BAD_REQUEST,
                21609,
                "Invalid StatusCallback: the simulator only calls back this server's webhooks.");
    }

    private boolean authorised(String accountSid, String authorization) {
        SmsProperties.Twilio twilio = sms.twilio();
        if (authorization == null
                || !authorization.startsWith("Basic ")
                || !twilio.accountSid().equals(accountSid)) {
            return false;
        }
        byte[] expected = (twilio.accountSid() + ":" + twilio.authToken()).getBytes(StandardCharsets.UTF_8);
        try {
            return MessageDigest.isEqual(
                    expected,
                    Base64.getDecoder().decode(authorization.substring(6).trim()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, int code, String message) {
        return ResponseEntity.status(status)
                .body(Map.of(
                        "code",
                        code,
                        "message",
                        message,
                        "status",
                        status.value(),
                        "more_info",
                        "https://www.twilio.com/docs/errors/" + code));
    }
}
