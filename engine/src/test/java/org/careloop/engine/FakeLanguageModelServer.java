package org.careloop.engine;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for an OpenAI-compatible chat-completions endpoint ({@code POST /v1/chat/completions}), on
 * loopback: it records every request body, and answers with a summary that repeats the first token it was sent, so
 * tests can see re-identification work.
 */
final class FakeLanguageModelServer {

    static final List<String> REQUESTS = new CopyOnWriteArrayList<>();
    private static final Pattern TOKEN = Pattern.compile("\\[[A-Z_]+_\\d+]");
    private static volatile HttpServer server;

    private FakeLanguageModelServer() {}

    static synchronized String baseUrl() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/v1/chat/completions", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                REQUESTS.add(body);
                Matcher token = TOKEN.matcher(body);
                String who = token.find() ? token.group() : "The patient";
                String content = "SUMMARY: " + who + " reports a symptom that needs review\\nROUTE: nurse";
                byte[] answer =
                        ("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"fake-model\","
                                        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
                                        + content + "\"},"
                                        + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}")
                                .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "fake-language-model");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
        }
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }
}
