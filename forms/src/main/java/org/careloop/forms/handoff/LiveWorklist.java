package org.careloop.forms.handoff;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The task list's live channel ({@code GET /tasks/live}, server-sent events). One check per node every two seconds
 * reads the board's version from the database (open tasks, the newest, the last claim or completion), so a task
 * raised on any node reaches every open list, and the cost does not grow with the number of users; each open list
 * holds only a connection. An event says that something changed, never what: each page fetches its own rows, under
 * its user's rights and filters.
 */
@Controller
class LiveWorklist {

    private static final Logger log = LoggerFactory.getLogger(LiveWorklist.class);
    private static final Duration HEARTBEAT = Duration.ofSeconds(25);

    private final HandoffBoard board;
    private final List<SseEmitter> listeners = new CopyOnWriteArrayList<>();
    private volatile String version;
    private volatile long lastSent = System.nanoTime();

    LiveWorklist(HandoffBoard board) {
        this.board = board;
    }

    @GetMapping(path = "/tasks/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter listen() throws IOException {
        SseEmitter emitter = new SseEmitter(Duration.ofMinutes(10).toMillis());
        emitter.onCompletion(() -> listeners.remove(emitter));
        emitter.onTimeout(emitter::complete);
        emitter.onError(e -> listeners.remove(emitter));
        listeners.add(emitter);
        emitter.send(SseEmitter.event().reconnectTime(3000).comment("listening"));
        return emitter;
    }

    @Scheduled(fixedDelayString = "${careloop.worklist.check-every:PT2S}")
    void check() {
        if (listeners.isEmpty()) {
            version = null;
            return;
        }
        String now;
        try {
            now = board.version();
        } catch (RuntimeException e) {
            log.warn("The task list's version could not be read: {}", e.getMessage());
            return;
        }
        String before = version;
        version = now;
        if (before != null && !before.equals(now)) {
            broadcast(SseEmitter.event().name("changed").data(now));
        } else if (System.nanoTime() - lastSent > HEARTBEAT.toNanos()) {
            broadcast(SseEmitter.event().comment("still here"));
        }
    }

    /**
     * On shutdown, before the web server waits for open requests to finish, every open list is told to reconnect (to
     * another node, or to this one once it is back).
     */
    @org.springframework.context.event.EventListener(org.springframework.context.event.ContextClosedEvent.class)
    void close() {
        for (SseEmitter emitter : listeners) {
            emitter.complete();
        }
        listeners.clear();
    }

    private void broadcast(SseEmitter.SseEventBuilder event) {
        lastSent = System.nanoTime();
        for (SseEmitter emitter : listeners) {
            try {
                emitter.send(event);
            } catch (IOException | IllegalStateException gone) {
                listeners.remove(emitter);
            }
        }
    }
}
