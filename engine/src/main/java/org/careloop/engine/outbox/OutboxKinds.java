package org.careloop.engine.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The registry of outbox event kinds: name, lane, payload type and handler of each, and the JSON form of payloads.
 * Built from the handlers; a kind without its annotation, or two handlers for one name, stop the start.
 */
public final class OutboxKinds {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .findAndAddModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** One registered kind. */
    public record Registered(String name, Lane lane, Class<? extends OutboxEvent> type, OutboxHandler<?> handler) {}

    private final Map<String, Registered> byName = new LinkedHashMap<>();

    OutboxKinds(Collection<? extends OutboxHandler<?>> handlers) {
        for (OutboxHandler<?> handler : handlers) {
            Class<? extends OutboxEvent> type = handler.eventType();
            Registered kind = new Registered(nameOf(type), laneOf(type), type, handler);
            Registered earlier = byName.putIfAbsent(kind.name(), kind);
            if (earlier != null) {
                throw new IllegalStateException("Outbox kind '" + kind.name() + "' is handled by both "
                        + earlier.handler().getClass().getName() + " and "
                        + handler.getClass().getName());
            }
        }
    }

    public Optional<Registered> named(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public static String nameOf(Class<? extends OutboxEvent> type) {
        return annotation(type).value();
    }

    public static Lane laneOf(Class<? extends OutboxEvent> type) {
        return annotation(type).lane();
    }

    private static OutboxEvent.Kind annotation(Class<? extends OutboxEvent> type) {
        OutboxEvent.Kind kind = type.getAnnotation(OutboxEvent.Kind.class);
        if (kind == null) {
            throw new IllegalStateException(type.getName() + " is an outbox event without @OutboxEvent.Kind");
        }
        return kind;
    }

    static String toJson(OutboxEvent event) {
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "Outbox event " + event.getClass().getSimpleName() + " cannot be written as JSON", e);
        }
    }

    static <E extends OutboxEvent> E fromJson(String payload, Class<E> type) {
        try {
            return JSON.readValue(payload, type);
        } catch (JsonProcessingException e) {
            throw new OutboxHandler.PermanentFailure(
                    "unreadable " + nameOf(type) + " payload: " + e.getOriginalMessage());
        }
    }
}
