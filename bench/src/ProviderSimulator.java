import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A separate process that plays the SMS provider for the benchmarks: Twilio's Messages API (POST
 * /2010-04-01/Accounts/{sid}/Messages.json, HTTP Basic with the account sid and token, 201 with a message sid), and
 * Twilio's signed status callbacks (sent, then delivered) to the StatusCallback URL. It counts every message it
 * accepts, per recipient, so a run can show duplicates and losses. It answers Twilio's Lookup v2 too (GET
 * /v2/PhoneNumbers/{number}: an active mobile), which CareLoop asks before a number's first text, and the message list
 * by recipient (GET …/Messages.json?To=…), which CareLoop asks to settle a send cut off mid-way, and Twilio's Calls API
 * (POST and the list by recipient, GET …/Calls.json?To=…), each call counted like a message.
 *
 * <p>Usage: {@code java bench/src/ProviderSimulator.java PORT ACCOUNT_SID AUTH_TOKEN [callbacks on|off] [delay ms]}
 * <br>A delay holds each accepted message that long before answering, as a slow provider would (the crash test uses
 * it so that a kill lands while CareLoop waits for the answer).
 * <br>GET /stats: totals; GET /received?to=+1...: the times (epoch ms) and bodies of the messages to one number;
 * POST /reset: forget everything.
 */
public class ProviderSimulator {

    record Received(long at, String body, String sid) {}

    static final Map<String, List<Received>> BY_TO = new ConcurrentHashMap<>();
    static final AtomicLong TOTAL = new AtomicLong();
    static final AtomicLong LOOKUPS = new AtomicLong();
    static final AtomicLong FIRST = new AtomicLong();
    static final AtomicLong LAST = new AtomicLong();
    static final LinkedBlockingQueue<String[]> CALLBACKS = new LinkedBlockingQueue<>();

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String account = args[1];
        String token = args[2];
        boolean callbacks = args.length < 4 || !"off".equals(args[3]);
        long delay = args.length > 4 ? Long.parseLong(args[4]) : 0;
        String expectedAuth = "Basic " + Base64.getEncoder().encodeToString((account + ":" + token).getBytes(StandardCharsets.UTF_8));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/2010-04-01/Accounts/" + account + "/Messages.json", exchange -> {
            try {
                if (!expectedAuth.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    answer(exchange, 401, "{\"code\":20003,\"message\":\"Authenticate\",\"status\":401}");
                    return;
                }
                if ("GET".equals(exchange.getRequestMethod())) {
                    // the message list by recipient, newest first: what CareLoop asks to settle a send cut off mid-way
                    String to = form(exchange.getRequestURI().getRawQuery()).get("To");
                    List<Received> sent = new ArrayList<>(BY_TO.getOrDefault(to, List.of()));
                    java.util.Collections.reverse(sent);
                    StringBuilder json = new StringBuilder("{\"messages\":[");
                    for (Received r : sent) {
                        json.append(json.charAt(json.length() - 1) == '[' ? "" : ",")
                                .append("{\"sid\":\"").append(r.sid()).append("\",\"to\":\"").append(to)
                                .append("\",\"status\":\"delivered\",\"body\":").append(jsonString(r.body()))
                                .append("}");
                    }
                    answer(exchange, 200, json.append("],\"page\":0}").toString());
                    return;
                }
                if (!"POST".equals(exchange.getRequestMethod())) {
                    answer(exchange, 405, "{\"code\":20004,\"message\":\"Method not allowed\"}");
                    return;
                }
                Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                String to = form.get("To");
                if (to == null || !to.matches("\\+[1-9]\\d{6,14}") || form.get("Body") == null) {
                    answer(exchange, 400, "{\"code\":21211,\"message\":\"The 'To' number is not a valid phone number.\",\"status\":400}");
                    return;
                }
                long now = System.currentTimeMillis();
                String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
                BY_TO.computeIfAbsent(to, t -> new CopyOnWriteArrayList<>()).add(new Received(now, form.get("Body"), sid));
                FIRST.compareAndSet(0, now);
                LAST.set(now);
                TOTAL.incrementAndGet();
                if (callbacks && form.get("StatusCallback") != null) {
                    CALLBACKS.add(new String[] {form.get("StatusCallback"), sid, to, form.getOrDefault("From", "")});
                }
                if (delay > 0) {
                    try {
                        Thread.sleep(delay);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                answer(exchange, 201, "{\"sid\":\"" + sid + "\",\"status\":\"queued\",\"to\":\"" + to + "\",\"account_sid\":\""
                        + account + "\",\"date_created\":\"" + Instant.ofEpochMilli(now) + "\"}");
            } finally {
                exchange.close();
            }
        });
        // Twilio's Calls API: an automated call is counted like a message (its body is the script's URL); the call list
        // by recipient is what CareLoop asks to settle a call request cut off mid-way
        server.createContext("/2010-04-01/Accounts/" + account + "/Calls.json", exchange -> {
            try {
                if (!expectedAuth.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    answer(exchange, 401, "{\"code\":20003,\"message\":\"Authenticate\",\"status\":401}");
                    return;
                }
                if ("GET".equals(exchange.getRequestMethod())) {
                    String to = form(exchange.getRequestURI().getRawQuery()).get("To");
                    StringBuilder json = new StringBuilder("{\"calls\":[");
                    List<Received> placed = new ArrayList<>(BY_TO.getOrDefault(to, List.of()));
                    java.util.Collections.reverse(placed);
                    for (Received r : placed) {
                        if (!r.sid().startsWith("CA")) {
                            continue;
                        }
                        String created = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                                Instant.ofEpochMilli(r.at()).atZone(java.time.ZoneOffset.UTC));
                        json.append(json.charAt(json.length() - 1) == '[' ? "" : ",")
                                .append("{\"sid\":\"").append(r.sid()).append("\",\"to\":\"").append(to)
                                .append("\",\"status\":\"completed\",\"date_created\":\"").append(created)
                                .append("\"}");
                    }
                    answer(exchange, 200, json.append("],\"page\":0}").toString());
                    return;
                }
                Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                String to = form.get("To");
                if (to == null || !to.matches("\\+[1-9]\\d{6,14}") || form.get("Url") == null) {
                    answer(exchange, 400, "{\"code\":21211,\"message\":\"The 'To' number is not a valid phone number.\",\"status\":400}");
                    return;
                }
                long now = System.currentTimeMillis();
                String sid = "CA" + UUID.randomUUID().toString().replace("-", "");
                BY_TO.computeIfAbsent(to, t -> new CopyOnWriteArrayList<>()).add(new Received(now, "call:" + form.get("Url"), sid));
                LAST.set(now);
                TOTAL.incrementAndGet();
                answer(exchange, 201, "{\"sid\":\"" + sid + "\",\"status\":\"queued\",\"to\":\"" + to + "\"}");
            } finally {
                exchange.close();
            }
        });
        // Twilio's Lookup v2: every number is an active mobile (CareLoop asks once per number before its first text)
        server.createContext("/v2/PhoneNumbers/", exchange -> {
            try {
                if (!expectedAuth.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    answer(exchange, 401, "{\"code\":20003,\"message\":\"Authenticate\",\"status\":401}");
                    return;
                }
                LOOKUPS.incrementAndGet();
                String number = exchange.getRequestURI().getPath().substring("/v2/PhoneNumbers/".length());
                answer(exchange, 200, "{\"phone_number\":\"" + number + "\",\"valid\":true,"
                        + "\"line_type_intelligence\":{\"type\":\"mobile\"},\"line_status\":{\"status\":\"active\"}}");
            } finally {
                exchange.close();
            }
        });
        server.createContext("/stats", exchange -> {
            int duplicates = 0;
            for (List<Received> messages : BY_TO.values()) {
                Map<String, Integer> bodies = new TreeMap<>();
                for (Received r : messages) {
                    bodies.merge(r.body(), 1, Integer::sum);
                }
                duplicates += bodies.values().stream().mapToInt(c -> c - 1).sum();
            }
            answer(exchange, 200, "{\"messages\":" + TOTAL.get() + ",\"recipients\":" + BY_TO.size() + ",\"duplicates\":"
                    + duplicates + ",\"lookups\":" + LOOKUPS.get() + ",\"first\":" + FIRST.get() + ",\"last\":" + LAST.get() + ",\"callbacksWaiting\":"
                    + CALLBACKS.size() + "}");
        });
        server.createContext("/received", exchange -> {
            String to = form(exchange.getRequestURI().getRawQuery()).get("to");
            StringBuilder json = new StringBuilder("[");
            for (Received r : BY_TO.getOrDefault(to, List.of())) {
                json.append(json.length() > 1 ? "," : "").append(r.at());
            }
            answer(exchange, 200, json.append("]").toString());
        });
        server.createContext("/reset", exchange -> {
            BY_TO.clear();
            TOTAL.set(0);
            FIRST.set(0);
            LAST.set(0);
            answer(exchange, 204, null);
        });
        server.start();
        if (callbacks) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            for (int t = 0; t < 4; t++) {
                Thread sender = new Thread(() -> deliverCallbacks(http, account, token), "callbacks-" + t);
                sender.setDaemon(true);
                sender.start();
            }
        }
        System.out.println("provider simulator on http://127.0.0.1:" + port + " (callbacks " + (callbacks ? "on" : "off") + ")");
    }

    /** Twilio's status callbacks: sent, then delivered, each signed over the URL and the sorted parameters. */
    static void deliverCallbacks(HttpClient http, String account, String token) {
        while (true) {
            try {
                String[] c = CALLBACKS.take();
                for (String status : List.of("sent", "delivered")) {
                    Map<String, String> params = new LinkedHashMap<>();
                    params.put("AccountSid", account);
                    params.put("MessageSid", c[1]);
                    params.put("MessageStatus", status);
                    params.put("To", c[2]);
                    params.put("From", c[3]);
                    HttpRequest request = HttpRequest.newBuilder(URI.create(c[0]))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .header("X-Twilio-Signature", sign(token, c[0], params))
                            .POST(HttpRequest.BodyPublishers.ofString(encode(params))).build();
                    http.send(request, HttpResponse.BodyHandlers.discarding());
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // CareLoop not reachable: Twilio drops the callback too
            }
        }
    }

    static String sign(String token, String url, Map<String, String> params) throws Exception {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    static String encode(Map<String, String> params) {
        StringBuilder body = new StringBuilder();
        params.forEach((k, v) -> body.append(body.length() > 0 ? "&" : "").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return body.toString();
    }

    static Map<String, String> form(String body) {
        Map<String, String> params = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return params;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    static String jsonString(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }

    static void answer(HttpExchange exchange, int status, String json) throws IOException {
        try (exchange) {
            if (json == null) {
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }
}
