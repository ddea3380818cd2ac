package org.careloop.engine.channels.sms.simulator;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.careloop.engine.channels.sms.SmsProperties;
import org.careloop.engine.channels.sms.TwilioSignature;
import org.careloop.engine.config.CareLoopProperties;
import org.careloop.forms.simulator.PhoneSimulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * The far side of a simulated SMS and voice provider: the patients' phones (a call is answered, its TwiML played
 * and its keys pressed from the simulator page). Keeps the last messages in memory
 * (a demo tool, bounded), sends signed delivery receipts, and delivers patients' replies to CareLoop's
 * webhook over real HTTP, signed as the provider would sign them.
 */
@Component
@ConditionalOnProperty(name = "careloop.sms.provider", havingValue = "simulator")
public class SimulatedPhones implements PhoneSimulator, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SimulatedPhones.class);
    private static final int KEPT = 500;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SmsProperties sms;
    private final CareLoopProperties careloop;
    private final Clock clock;
    private final RestClient http;
    private final Deque<Stored> texts = new ArrayDeque<>();
    private final ScheduledExecutorService callbacks = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "sms-simulator");
        thread.setDaemon(true);
        return thread;
    });

    /** @param ours the provider's number in the exchange: who texted the phone, or whom the patient answered */
    record Stored(String sid, Instant at, String phone, String ours, boolean fromPatient, String body, String status) {}

    /** Numbers whose handset the simulated carrier cannot reach: their messages end undelivered (error 30003). */
    private final java.util.Set<String> unreachable;

    SimulatedPhones(
            SmsProperties sms,
            CareLoopProperties careloop,
            Clock clock,
            RestClient.Builder http,
            @org.springframework.beans.factory.annotation.Value("${careloop.sms.simulator.unreachable:}")
                    java.util.Set<String> unreachable) {
        this.unreachable = java.util.Set.copyOf(unreachable);
        this.sms = sms;
        this.careloop = careloop;
        this.clock = clock;
        this.http = http.build();
    }

    static String newSid() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return "SM" + HexFormat.of().formatHex(bytes);
    }

    /** The messages the provider accepted for one phone, newest first. */
    synchronized List<Stored> sentTo(String phone) {
        List<Stored> sent = new ArrayList<>();
        texts.descendingIterator().forEachRemaining(t -> {
            if (!t.fromPatient() && t.phone().equals(phone)) {
                sent.add(t);
            }
        });
        return sent;
    }

    /** Twilio's status callback for one message, after a delay as a carrier would. */
    private void receipt(String statusCallback, String sid, String from, String to, String status, long afterMillis) {
        Map<String, String> params = new LinkedHashMap<>(Map.of(
                "MessageSid",
                sid,
                "MessageStatus",
                status,
                "AccountSid",
                sms.twilio().accountSid(),
                "To",
                to,
                "From",
                from));
        if ("undelivered".equals(status)) {
            params.put("ErrorCode", "30003");
        }
        callbacks.schedule(() -> post(statusCallback, params), afterMillis, TimeUnit.MILLISECONDS);
    }

    /** The provider accepted a message for a phone; receipts follow shortly. */
    synchronized String accept(String from, String to, String body, String statusCallback) {
        String sid = newSid();
        String sender = from == null || from.isBlank() ? sms.twilio().from() : from;
        boolean reachable = !unreachable.contains(to);
        keep(new Stored(sid, clock.instant(), to, sender, false, body, reachable ? "delivered" : "undelivered"));
        if (statusCallback != null && !statusCallback.isBlank()) {
            receipt(statusCallback, sid, sender, to, "sent", 300);
            receipt(statusCallback, sid, sender, to, reachable ? "delivered" : "undelivered", 800);
        }
        return sid;
    }

    @Override
    public synchronized List<Phone> phones() {
        Map<String, List<Text>> byPhone = new LinkedHashMap<>();
        for (Stored text : texts) {
            byPhone.computeIfAbsent(text.phone(), p -> new ArrayList<>())
                    .add(new Text(text.at(), text.fromPatient(), text.body(), text.status()));
        }
        return byPhone.entrySet().stream()
                .map(e -> {
                    LiveCall call = live.get(e.getKey());
                    return new Phone(
                            e.getKey(),
                            List.copyOf(e.getValue()),
                            call == null ? List.of() : KEYPAD,
                            call != null && call.entry());
                })
                .toList();
    }

    @Override
    public void reply(String number, String body) {
        String sid = newSid();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("MessageSid", sid);
        params.put("SmsMessageSid", sid);
        params.put("AccountSid", sms.twilio().accountSid());
        // the patient answers the number that last texted this phone
        String ours;
        synchronized (this) {
            ours = sentTo(number).stream()
                    .findFirst()
                    .map(Stored::ours)
                    .orElse(sms.twilio().from());
        }
        params.put("From", number);
        params.put("To", ours);
        params.put("Body", body);
        params.put("NumMedia", "0");
        params.put("NumSegments", "1");
        synchronized (this) {
            keep(new Stored(sid, clock.instant(), number, ours, true, body, "received"));
        }
        post(careloop.url("/webhooks/twilio/sms"), params);
    }

    // ---- calls: the provider's Calls API places them; the phone fetches the words from the TwiML webhook ----

    private static final List<String> KEYPAD = List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "0");

    /** A call waiting for a key: where the provider posts it, and where it reports the call's end. */
    /** A call waiting at a {@code <Gather>}: for one key, or ({@code entry}) for keys ended by #. */
    private record LiveCall(String sid, String ours, String action, String statusCallback, boolean entry) {}

    private final Map<String, LiveCall> live = new java.util.concurrent.ConcurrentHashMap<>();

    static String newCallSid() {
        return "CA" + newSid().substring(2);
    }

    /** The provider accepted a call to a phone: it rings, and the patient answers shortly (unless unreachable). */
    synchronized String call(String from, String to, String url, String statusCallback) {
        String sid = newCallSid();
        String ours = from == null || from.isBlank() ? sms.twilio().from() : from;
        keep(new Stored(sid, clock.instant(), to, ours, false, "Incoming call from " + ours, "ringing"));
        callStatus.put(sid, "ringing");
        callbacks.schedule(
                () -> {
                    if (unreachable.contains(to)) {
                        ended(sid, ours, to, statusCallback, "no-answer");
                        return;
                    }
                    callStatus.put(sid, "in-progress");
                    Map<String, String> params = callParams(sid, ours, to);
                    interpret(sid, ours, to, post(url, params), statusCallback);
                },
                300,
                TimeUnit.MILLISECONDS);
        return sid;
    }

    @Override
    public boolean press(String number, String key) {
        LiveCall waiting = live.get(number);
        // one key, or, where the call takes an entry, keys (digits and *) that the phone ends with #
        if (waiting == null || !(KEYPAD.contains(key) || (waiting.entry() && key.matches("[0-9*]{1,12}")))) {
            return false;
        }
        LiveCall call = live.remove(number);
        if (call == null) {
            return false;
        }
        synchronized (this) {
            keep(new Stored(
                    call.sid(),
                    clock.instant(),
                    number,
                    call.ours(),
                    true,
                    "Pressed " + key + (call.entry() ? "#" : ""),
                    "pressed"));
        }
        Map<String, String> params = callParams(call.sid(), call.ours(), number);
        params.put("Digits", key);
        interpret(call.sid(), call.ours(), number, post(call.action(), params), call.statusCallback());
        return true;
    }

    @Override
    public boolean hangUp(String number) {
        LiveCall call = live.remove(number);
        if (call != null) {
            synchronized (this) {
                keep(new Stored(call.sid(), clock.instant(), number, call.ours(), true, "Hung up", "completed"));
            }
            ended(call.sid(), call.ours(), number, call.statusCallback(), "completed");
        }
        return call != null;
    }

    private Map<String, String> callParams(String sid, String ours, String to) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("CallSid", sid);
        params.put("AccountSid", sms.twilio().accountSid());
        params.put("From", ours);
        params.put("To", to);
        params.put("Direction", "outbound-api");
        params.put("CallStatus", "in-progress");
        return params;
    }

    /** Plays a TwiML answer as a phone would: says each {@code <Say>}, then waits at a {@code <Gather>} or ends. */
    private void interpret(String sid, String ours, String phone, String twiml, String statusCallback) {
        if (twiml == null) {
            ended(sid, ours, phone, statusCallback, "failed");
            return;
        }
        try {
            var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            var response = factory.newDocumentBuilder()
                    .parse(new org.xml.sax.InputSource(new java.io.StringReader(twiml)))
                    .getDocumentElement();
            var verbs = response.getChildNodes();
            for (int i = 0; i < verbs.getLength(); i++) {
                if (!(verbs.item(i) instanceof org.w3c.dom.Element verb)) {
                    continue;
                }
                switch (verb.getTagName()) {
                    case "Say" -> heard(sid, ours, phone, verb);
                    case "Gather" -> {
                        var said = verb.getElementsByTagName("Say");
                        for (int j = 0; j < said.getLength(); j++) {
                            heard(sid, ours, phone, (org.w3c.dom.Element) said.item(j));
                        }
                        boolean entry = !"1".equals(verb.getAttribute("numDigits"))
                                && verb.getAttribute("finishOnKey").contains("#");
                        live.put(phone, new LiveCall(sid, ours, verb.getAttribute("action"), statusCallback, entry));
                        return;
                    }
                    case "Dial" -> {
                        synchronized (this) {
                            keep(new Stored(
                                    sid,
                                    clock.instant(),
                                    phone,
                                    ours,
                                    false,
                                    "Call put through to "
                                            + verb.getTextContent().strip(),
                                    "in-progress"));
                        }
                        ended(sid, ours, phone, statusCallback, "completed");
                        return;
                    }
                    case "Hangup" -> {
                        ended(sid, ours, phone, statusCallback, "completed");
                        return;
                    }
                    default -> log.warn("Simulated phone ignored TwiML verb {}", verb.getTagName());
                }
            }
            ended(sid, ours, phone, statusCallback, "completed");
        } catch (Exception e) {
            log.warn("Simulated phone could not read the TwiML answer: {}", e.getMessage());
            ended(sid, ours, phone, statusCallback, "failed");
        }
    }

    private synchronized void heard(String sid, String ours, String phone, org.w3c.dom.Element say) {
        String language = say.getAttribute("language");
        keep(new Stored(
                sid,
                clock.instant(),
                phone,
                ours,
                false,
                "Call (" + (language.isEmpty() ? "en-US" : language) + "): "
                        + say.getTextContent().strip(),
                "in-progress"));
    }

    /** How each call the provider placed stands: ringing, in-progress, then completed, no-answer or failed. */
    private final Map<String, String> callStatus =
            java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                    return size() > KEPT;
                }
            });

    /** A call as the provider lists it. */
    record PlacedCall(String sid, Instant at, String phone, String ours, String status) {}

    /** The calls the provider placed to one phone, newest first. */
    synchronized List<PlacedCall> callsTo(String phone) {
        List<PlacedCall> calls = new ArrayList<>();
        texts.descendingIterator().forEachRemaining(t -> {
            if (!t.fromPatient() && t.phone().equals(phone) && t.sid().startsWith("CA")) {
                calls.add(new PlacedCall(
                        t.sid(), t.at(), t.phone(), t.ours(), callStatus.getOrDefault(t.sid(), "queued")));
            }
        });
        return calls;
    }

    private void ended(String sid, String ours, String phone, String statusCallback, String status) {
        callStatus.put(sid, status);
        live.remove(phone);
        if (statusCallback != null && !statusCallback.isBlank()) {
            Map<String, String> params = callParams(sid, ours, phone);
            params.put("CallStatus", status);
            callbacks.schedule(() -> post(statusCallback, params), 200, TimeUnit.MILLISECONDS);
        }
    }

    private void keep(Stored text) {
        texts.addLast(text);
        while (texts.size() > KEPT) {
            texts.removeFirst();
        }
    }

    /** Posts a signed form as the provider does; answers the response body, or null when it failed. */
    private String post(String url, Map<String, String> params) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        params.forEach(form::add);
        try {
            return http.post()
                    .uri(url)
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .header(
                            "X-Twilio-Signature",
                            TwilioSignature.sign(sms.twilio().authToken(), url, params))
                    .body(form)
                    .retrieve()
                    .body(String.class);
        } catch (RuntimeException e) {
            log.warn("Simulated provider could not deliver to the webhook: {}", e.getMessage());
            return null;
        }
    }

    @Override
    public void destroy() {
        callbacks.shutdownNow();
    }
}
