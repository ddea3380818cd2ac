package org.careloop.engine.outbox;

import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drains the outbox, lane by lane, each lane on threads of its own ({@link OutboxProperties}). Several nodes may
 * share the database: a thread claims a batch with {@code FOR UPDATE SKIP LOCKED}, so concurrent claimers never wait
 * on each other nor take the same event; a claim whose node died expires after the lease. Events with one ordering
 * key are claimed one at a time, oldest first.
 */
@Component
public class OutboxWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);
    static final int MAX_ATTEMPTS = 10;
    private static final Duration LEASE = Duration.ofMinutes(2);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ObjectProvider<OutboxHandler<?>> handlers;
    private final OutboxProperties settings;
    private final RepliesFirst repliesFirst;
    private final String nodeId = node();
    private final Map<Lane, LaneThreads> lanes = new EnumMap<>(Lane.class);
    private volatile OutboxKinds kinds;

    OutboxWorker(
            @Qualifier("engineJdbc") JdbcTemplate jdbc,
            Clock clock,
            ObjectProvider<OutboxHandler<?>> handlers,
            OutboxProperties settings,
            RepliesFirst repliesFirst) {
        this.jdbc = jdbc;
        this.repliesFirst = repliesFirst;
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
        this.clock = clock;
        this.handlers = handlers;
        this.settings = settings;
    }

    private static String node() {
        String name = ManagementFactory.getRuntimeMXBean().getName();
        return (name.length() > 27 ? name.substring(0, 27) : name) + "/" + UUID.randomUUID();
    }

    /** Asks the lane's threads to look for work soon; cheap and safe to call from any thread. */
    public void wake(Lane lane) {
        LaneThreads threads = lanes.get(lane);
        if (threads != null) {
            threads.wake();
        }
    }

    /** The registered kinds. */
    public OutboxKinds kinds() {
        OutboxKinds current = kinds;
        if (current == null) {
            current = new OutboxKinds(handlers.orderedStream().toList());
            kinds = current;
        }
        return current;
    }

    @Scheduled(
            fixedDelayString = "${careloop.outbox.poll-interval:2s}",
            initialDelayString = "${careloop.outbox.poll-interval:2s}")
    void sweep() {
        Instant now = clock.instant();
        int expired = jdbc.update(
                "update outbox_event set status = 'PENDING', locked_by = null, locked_until = null "
                        + "where status = 'PROCESSING' and locked_until < ?",
                Timestamp.from(now));
        if (expired > 0) {
            log.warn("{} outbox events claimed by a node that stopped are due again", expired);
        }
        // DONE events keep their last attempt in next_attempt_at, so the due index also finds the old ones
        jdbc.update(
                "delete from outbox_event where status = 'DONE' and next_attempt_at < ?",
                Timestamp.from(now.minus(settings.getKeepDone())));
        lanes.values().forEach(LaneThreads::wake);
    }

    /** Claims and handles up to one batch of the lane's due events; returns how many it claimed. */
    public int drainBatch(Lane lane) {
        if (!lane.interactive()) {
            repliesFirst.yieldToReplies();
        }
        List<Claimed> batch = claim(lane);
        if (batch.isEmpty()) {
            return 0;
        }
        List<List<Claimed>> units = units(batch);
        if (lane.interactive()) {
            repliesFirst.begin();
        }
        try {
            for (int i = 0; i < units.size(); i++) {
                if (i > 0 && !lane.interactive() && repliesFirst.replyInHand()) {
                    // a reply came in meanwhile: what this batch has not begun goes back to the queue, and the
                    // lane's next take waits for the reply
                    release(units.subList(i, units.size()));
                    break;
                }
                handle(units.get(i).get(0).kind(), units.get(i));
            }
        } finally {
            if (lane.interactive()) {
                repliesFirst.end();
            }
        }
        return batch.size();
    }

    /** A claimed batch's units of work, in order: all events of a kind whose handler writes them at once, or one. */
    private List<List<Claimed>> units(List<Claimed> batch) {
        List<List<Claimed>> units = new ArrayList<>();
        batch.stream()
                .collect(Collectors.groupingBy(Claimed::kind, LinkedHashMap::new, Collectors.toList()))
                .forEach((name, events) -> {
                    boolean together = kinds().named(name)
                            .map(kind -> kind.handler().batches())
                            .orElse(false);
                    if (together && events.size() > 1) {
                        units.add(events);
                    } else {
                        events.forEach(event -> units.add(List.of(event)));
                    }
                });
        return units;
    }

    /** Claimed events this node has not begun are due again, for any node, as they were. */
    private void release(List<List<Claimed>> notBegun) {
        releaseIds(notBegun.stream()
                .flatMap(List::stream)
                .flatMap(claimed -> claimed.ids().stream())
                .toList());
    }

    private void releaseIds(List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.update(
                "update outbox_event set status = 'PENDING', locked_by = null, locked_until = null "
                        + "where status = 'PROCESSING' and locked_by = ? and id in (" + placeholders(ids.size()) + ")",
                args(List.of(nodeId), ids));
    }

    /**
     * A claimed event, and the later events equal to it that its handling carries out too (a kind that
     * {@link OutboxHandler#coalesces() coalesces}).
     */
    private record Claimed(long id, String kind, String key, String payload, int attempts, List<Long> absorbed) {

        Claimed absorbing(List<Long> later) {
            return new Claimed(id, kind, key, payload, attempts, later);
        }

        /** The ids this claim stands for: its own and those it carries out too. */
        List<Long> ids() {
            if (absorbed.isEmpty()) {
                return List.of(id);
            }
            List<Long> ids = new ArrayList<>(absorbed.size() + 1);
            ids.add(id);
            ids.addAll(absorbed);
            return ids;
        }
    }

    /** An event whose key has an earlier event still being handled or due waits for it. */
    private static final String IN_KEY_ORDER =
            "and (e.ordering_key is null or not exists (select 1 from outbox_event p "
                    + "  where p.ordering_key = e.ordering_key and p.id < e.id "
                    + "  and (p.status = 'PROCESSING' or p.status = 'PENDING' and p.next_attempt_at <= ?))) ";

    /** How many candidates a claim reads per event it may take: enough that other claimers' locks leave some. */
    private static final int CANDIDATES_PER_EVENT = 8;

    /**
     * Claims the lane's oldest due events in two steps. First the candidates, read without locks along the lane's
     * (lane, status, due time, id) index in its order, so the read stops after them however long the lane's queue;
     * then those of them no other claimer holds, locked ({@code FOR UPDATE SKIP LOCKED}) and checked again. In one
     * step the embedded database read, and locked, every due event of the lane before keeping the first.
     */
    private List<Claimed> claim(Lane lane) {
        Instant now = clock.instant();
        int batchSize = settings.batchSize(lane);
        return transactions.execute(tx -> {
            List<Long> candidates = jdbc.queryForList(
                    "select e.id from outbox_event e "
                            + "where e.lane = ? and e.status = 'PENDING' and e.next_attempt_at <= ? "
                            + IN_KEY_ORDER
                            + "order by e.lane, e.status, e.next_attempt_at, e.id fetch first "
                            + batchSize * CANDIDATES_PER_EVENT + " rows only",
                    Long.class,
                    lane.name(),
                    Timestamp.from(now),
                    Timestamp.from(now));
            if (candidates.isEmpty()) {
                return List.<Claimed>of();
            }
            List<Claimed> due = jdbc.query(
                    "select e.id, e.kind, e.ordering_key, e.payload, e.attempts from outbox_event e "
                            + "where e.id in (" + placeholders(candidates.size()) + ") "
                            + "and e.status = 'PENDING' and e.next_attempt_at <= ? "
                            + IN_KEY_ORDER
                            + "order by e.next_attempt_at, e.id fetch first " + batchSize
                            + " rows only for update skip locked",
                    (rs, i) -> new Claimed(
                            rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), List.of()),
                    args(List.of(), candidates, Timestamp.from(now), Timestamp.from(now)));
            if (!due.isEmpty()) {
                due = absorbLaterEqualEvents(due);
                List<Long> ids =
                        due.stream().flatMap(claimed -> claimed.ids().stream()).toList();
                jdbc.update(
                        "update outbox_event set status = 'PROCESSING', locked_by = ?, locked_until = ? where id in ("
                                + placeholders(ids.size()) + ")",
                        args(List.of(nodeId, Timestamp.from(now.plus(LEASE))), ids));
            }
            return due;
        });
    }

    /**
     * Within the claim's transaction: the waiting events equal to a claimed one of a kind that coalesces (same kind,
     * ordering key and payload, written after it), locked and joined to it. A claim holds at most one event of a key,
     * so they are looked up by the claimed events' keys, along the ordering key's index.
     */
    private List<Claimed> absorbLaterEqualEvents(List<Claimed> due) {
        Map<String, Claimed> byKey = new LinkedHashMap<>();
        for (Claimed claimed : due) {
            if (claimed.key() != null
                    && kinds().named(claimed.kind())
                            .map(kind -> kind.handler().coalesces())
                            .orElse(false)) {
                byKey.put(claimed.key(), claimed);
            }
        }
        if (byKey.isEmpty()) {
            return due;
        }
        Map<Long, List<Long>> absorbed = new java.util.HashMap<>();
        jdbc.query(
                "select e.id, e.kind, e.ordering_key, e.payload from outbox_event e where e.ordering_key in ("
                        + placeholders(byKey.size())
                        + ") and e.status = 'PENDING' for update skip locked",
                rs -> {
                    Claimed first = byKey.get(rs.getString(3));
                    if (first != null
                            && rs.getLong(1) > first.id()
                            && first.kind().equals(rs.getString(2))
                            && first.payload().equals(rs.getString(4))) {
                        absorbed.computeIfAbsent(first.id(), id -> new ArrayList<>())
                                .add(rs.getLong(1));
                    }
                },
                byKey.keySet().toArray());
        if (absorbed.isEmpty()) {
            return due;
        }
        return due.stream()
                .map(claimed ->
                        absorbed.containsKey(claimed.id()) ? claimed.absorbing(absorbed.get(claimed.id())) : claimed)
                .toList();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void handle(String name, List<Claimed> events) {
        OutboxKinds.Registered kind = kinds().named(name).orElse(null);
        if (kind == null) {
            events.forEach(e -> failed(e, name, new OutboxHandler.PermanentFailure("no handler for " + name)));
            return;
        }
        OutboxHandler handler = kind.handler();
        if (handler.batches() && events.size() > 1) {
            List<OutboxEvent> read = new ArrayList<>();
            try {
                for (Claimed event : events) {
                    read.add(OutboxKinds.fromJson(event.payload(), kind.type()));
                }
                handler.handleAll(read);
                markDone(events.stream().flatMap(event -> event.ids().stream()).toList());
                return;
            } catch (Exception e) {
                log.debug("Batch of {} {} events failed; handling them one by one", events.size(), name);
            }
        }
        for (Claimed event : events) {
            try {
                handler.handle(OutboxKinds.fromJson(event.payload(), kind.type()));
                // done at once: a later event with the same ordering key may go now
                markDone(event.ids());
            } catch (Exception e) {
                failed(event, name, e);
            }
        }
    }

    private void failed(Claimed event, String name, Exception e) {
        // the events it was to carry out too wait again, for their own turn after it
        releaseIds(event.absorbed());
        if (e instanceof OutboxHandler.NotYet later) {
            jdbc.update(
                    "update outbox_event set status = 'PENDING', next_attempt_at = ?, locked_by = null, "
                            + "locked_until = null where id = ?",
                    Timestamp.from(clock.instant().plus(later.waitFor())),
                    event.id());
            return;
        }
        int attempts = event.attempts() + 1;
        boolean permanent = e instanceof OutboxHandler.PermanentFailure || attempts >= MAX_ATTEMPTS;
        String error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        Duration backoff = Duration.ofSeconds(Math.min(600, 1L << Math.min(attempts, 9)));
        jdbc.update(
                "update outbox_event set status = ?, attempts = ?, next_attempt_at = ?, locked_by = null, "
                        + "locked_until = null, last_error = ? where id = ?",
                permanent ? "FAILED" : "PENDING",
                attempts,
                Timestamp.from(clock.instant().plus(backoff)),
                error.length() > 500 ? error.substring(0, 500) : error,
                event.id());
        if (permanent) {
            log.error("Outbox event {} ({}) failed for good after {} attempts: {}", event.id(), name, attempts, error);
        } else {
            log.warn(
                    "Outbox event {} ({}) failed, attempt {}; retrying in {}: {}",
                    event.id(),
                    name,
                    attempts,
                    backoff,
                    error);
        }
    }

    private void markDone(List<Long> done) {
        if (!done.isEmpty()) {
            jdbc.update(
                    "update outbox_event set status = 'DONE', attempts = attempts + 1, next_attempt_at = ?, "
                            + "locked_by = null, locked_until = null, last_error = null where id in ("
                            + placeholders(done.size()) + ")",
                    args(List.of(Timestamp.from(clock.instant())), done));
        }
    }

    /** {@code ?, ?, …}: the parameters of an {@code in} list of that many values. */
    static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    private static Object[] args(List<Object> first, List<Long> ids, Object... last) {
        List<Object> all = new ArrayList<>(first);
        all.addAll(ids);
        all.addAll(java.util.Arrays.asList(last));
        return all.toArray();
    }

    /** The threads of one lane: each claims a batch, handles it, and waits for a wake-up or the poll interval. */
    private final class LaneThreads {

        private final Lane lane;
        private final ExecutorService threads;
        private final Object signal = new Object();
        private long wakeups;
        private volatile boolean running = true;

        LaneThreads(Lane lane, int count) {
            this.lane = lane;
            this.threads = Executors.newFixedThreadPool(count, r -> {
                Thread thread = new Thread(r, "careloop-outbox-" + lane.key());
                thread.setDaemon(true);
                return thread;
            });
            for (int i = 0; i < count; i++) {
                threads.execute(this::run);
            }
        }

        void wake() {
            synchronized (signal) {
                wakeups++;
                signal.notifyAll();
            }
        }

        private void run() {
            long pollMillis = settings.getPollInterval().toMillis();
            while (running) {
                long seen;
                synchronized (signal) {
                    seen = wakeups;
                }
                int claimed;
                try {
                    claimed = drainBatch(lane);
                } catch (RuntimeException e) {
                    log.warn(
                            "Outbox lane {} could not claim work: {}",
                            lane.key(),
                            e.getClass().getSimpleName());
                    claimed = 0;
                }
                if (claimed == 0) {
                    synchronized (signal) {
                        if (running && wakeups == seen) {
                            try {
                                signal.wait(pollMillis);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                return;
                            }
                        }
                    }
                }
            }
        }

        void stop() {
            running = false;
            wake();
            threads.shutdown();
            try {
                if (!threads.awaitTermination(10, TimeUnit.SECONDS)) {
                    threads.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public synchronized void start() {
        kinds(); // a kind without a name or with two handlers stops the start here
        for (Lane lane : Lane.values()) {
            int count = settings.threads(lane);
            if (count > 0) {
                lanes.put(lane, new LaneThreads(lane, count));
            }
        }
    }

    @Override
    public synchronized void stop() {
        lanes.values().forEach(LaneThreads::stop);
        lanes.clear();
    }

    @Override
    public boolean isRunning() {
        return !lanes.isEmpty();
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
