package org.careloop.engine.outbox;

import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Drains the outbox on one background thread per node. Several nodes may share the database: an event
 * is claimed with a conditional update before it is handled, so exactly one node handles it; a claim
 * whose node died expires after the lease.
 */
@Component
public class OutboxWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);
    static final int MAX_ATTEMPTS = 10;
    private static final Duration LEASE = Duration.ofMinutes(2);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final ObjectProvider<OutboxHandler> handlers;
    private final int batchSize;
    private final String nodeId = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean wakeRequested = new AtomicBoolean();
    private volatile Map<String, OutboxHandler> byKind;
    private volatile ExecutorService executor;

    OutboxWorker(@Qualifier("engineJdbc") JdbcTemplate jdbc, Clock clock, ObjectProvider<OutboxHandler> handlers,
                 @Value("${careloop.outbox.batch-size:50}") int batchSize) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.handlers = handlers;
        this.batchSize = batchSize;
    }

    /** Asks for a drain soon; cheap and safe to call from any thread. */
    public void wake() {
        ExecutorService running = executor;
        if (running == null) {
            return;
        }
        wakeRequested.set(true);
        if (draining.compareAndSet(false, true)) {
            running.execute(this::drainLoop);
        }
    }

    @Scheduled(fixedDelayString = "${careloop.outbox.poll-interval:2s}", initialDelayString = "${careloop.outbox.poll-interval:2s}")
    void sweep() {
        jdbc.update("update outbox_event set status = 'PENDING', locked_by = null, locked_until = null "
                + "where status = 'PROCESSING' and locked_until < ?", Timestamp.from(clock.instant()));
        wake();
    }

    private void drainLoop() {
        try {
            while (wakeRequested.getAndSet(false) && executor != null) {
                int handled;
                do {
                    handled = drainBatch();
                } while (handled > 0 && executor != null);
            }
        } finally {
            draining.set(false);
            if (wakeRequested.get() && executor != null) {
                wake();
            }
        }
    }

    /** Handles up to one batch of due events; returns how many it claimed. */
    public int drainBatch() {
        Instant now = clock.instant();
        List<Long> due = jdbc.queryForList("select id from outbox_event where status = 'PENDING' and next_attempt_at <= ? "
                + "order by id fetch first " + batchSize + " rows only", Long.class, Timestamp.from(now));
        int claimed = 0;
        for (Long id : due) {
            int updated = jdbc.update("update outbox_event set status = 'PROCESSING', locked_by = ?, locked_until = ? "
                    + "where id = ? and status = 'PENDING'", nodeId, Timestamp.from(clock.instant().plus(LEASE)), id);
            if (updated == 1) {
                claimed++;
                handle(id);
            }
        }
        return claimed;
    }

    private void handle(long id) {
        Map<String, Object> row = jdbc.queryForMap("select kind, payload, attempts from outbox_event where id = ?", id);
        String kind = (String) row.get("kind");
        int attempts = ((Number) row.get("attempts")).intValue() + 1;
        OutboxHandler handler = handlers().get(kind);
        try {
            if (handler == null) {
                throw new OutboxHandler.PermanentFailure("no handler for " + kind);
            }
            handler.handle((String) row.get("payload"));
            jdbc.update("update outbox_event set status = 'DONE', attempts = ?, locked_by = null, locked_until = null, "
                    + "last_error = null where id = ?", attempts, id);
        } catch (Exception e) {
            boolean permanent = e instanceof OutboxHandler.PermanentFailure || attempts >= MAX_ATTEMPTS;
            String error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            Duration backoff = Duration.ofSeconds(Math.min(600, 1L << Math.min(attempts, 9)));
            jdbc.update("update outbox_event set status = ?, attempts = ?, next_attempt_at = ?, locked_by = null, "
                            + "locked_until = null, last_error = ? where id = ?",
                    permanent ? "FAILED" : "PENDING", attempts, Timestamp.from(clock.instant().plus(backoff)),
                    error.length() > 500 ? error.substring(0, 500) : error, id);
            if (permanent) {
                log.error("Outbox event {} ({}) failed for good after {} attempts: {}", id, kind, attempts, error);
            } else {
                log.warn("Outbox event {} ({}) failed, attempt {}; retrying in {}: {}", id, kind, attempts, backoff, error);
            }
        }
    }

    private Map<String, OutboxHandler> handlers() {
        Map<String, OutboxHandler> current = byKind;
        if (current == null) {
            current = handlers.orderedStream().collect(Collectors.toMap(OutboxHandler::kind, Function.identity()));
            byKind = current;
        }
        return current;
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "careloop-outbox");
            thread.setDaemon(true);
            return thread;
        });
        wake();
    }

    @Override
    public void stop() {
        ExecutorService running = executor;
        executor = null;
        if (running != null) {
            running.shutdown();
            try {
                running.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
