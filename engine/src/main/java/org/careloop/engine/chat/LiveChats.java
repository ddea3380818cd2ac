package org.careloop.engine.chat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Tells each open chat page when its patient's conversation changed: every two seconds, one indexed count per patient
 * with a page open (not per page), and an event to that patient's pages when it moved. Nothing is held per patient
 * but the open pages themselves.
 */
@Component
class LiveChats {

    private static final Logger log = LoggerFactory.getLogger(LiveChats.class);

    private final JdbcTemplate jdbc;
    private final Map<String, List<SseEmitter>> pages = new ConcurrentHashMap<>();
    private final Map<String, Long> versions = new ConcurrentHashMap<>();

    LiveChats(@Qualifier("engineJdbc") JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    SseEmitter listen(String patientId) throws IOException {
        SseEmitter emitter = new SseEmitter(Duration.ofMinutes(10).toMillis());
        List<SseEmitter> open = pages.computeIfAbsent(patientId, p -> new CopyOnWriteArrayList<>());
        open.add(emitter);
        Runnable gone = () -> {
            open.remove(emitter);
            if (open.isEmpty()) {
                pages.remove(patientId, open);
                versions.remove(patientId);
            }
        };
        emitter.onCompletion(gone);
        emitter.onTimeout(gone);
        emitter.onError(e -> gone.run());
        versions.putIfAbsent(patientId, version(patientId));
        emitter.send(SseEmitter.event().reconnectTime(3000).comment("listening"));
        return emitter;
    }

    private long version(String patientId) {
        Long count = jdbc.queryForObject(
                "select (select count(*) from outbound_message where patient_id = ?) "
                        + "+ (select count(*) from inbound_message where patient_id = ?)",
                Long.class,
                patientId,
                patientId);
        return count == null ? 0 : count;
    }

    @Scheduled(fixedDelayString = "${careloop.chat.check-every:PT2S}")
    void check() {
        pages.forEach((patientId, open) -> {
            try {
                long now = version(patientId);
                Long before = versions.put(patientId, now);
                if (before == null || before != now) {
                    for (SseEmitter emitter : open) {
                        try {
                            emitter.send(SseEmitter.event().name("changed").data(now));
                        } catch (IOException | IllegalStateException closed) {
                            open.remove(emitter);
                        }
                    }
                }
            } catch (RuntimeException e) {
                log.warn("A chat's conversation could not be read: {}", e.getMessage());
            }
        });
    }

    @org.springframework.context.event.EventListener(org.springframework.context.event.ContextClosedEvent.class)
    void close() {
        pages.values().forEach(open -> open.forEach(SseEmitter::complete));
        pages.clear();
    }
}
