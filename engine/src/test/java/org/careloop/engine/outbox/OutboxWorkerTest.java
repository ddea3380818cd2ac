package org.careloop.engine.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The outbox on the real schema: lanes, ordering keys, batches, retries, and several nodes on one database. */
class OutboxWorkerTest {

    @OutboxEvent.Kind(value = "test-send", lane = Lane.SENDS)
    record Send(String id, String key) implements OutboxEvent {
        @Override
        public String orderingKey() {
            return key;
        }
    }

    @OutboxEvent.Kind(value = "test-reply", lane = Lane.REPLIES)
    record Reply(String id) implements OutboxEvent {}

    @OutboxEvent.Kind(value = "test-flaky", lane = Lane.SENDS)
    record Flaky(String id) implements OutboxEvent {}

    @OutboxEvent.Kind(value = "test-send", lane = Lane.RECORDS)
    record SameName(String id) implements OutboxEvent {}

    record Unnamed(String id) implements OutboxEvent {}

    /** A mirror's event: the handler writes the current state of what it names. */
    @OutboxEvent.Kind(value = "test-mirror", lane = Lane.RECORDS)
    record Mirror(String id, String key) implements OutboxEvent {
        @Override
        public String orderingKey() {
            return key;
        }
    }

    /** Mirrors, which coalesce; the one with that id fails once, as a FHIR server that did not answer. */
    private OutboxHandler<Mirror> mirrors(String failsOnceOn) {
        java.util.Set<String> failed = ConcurrentHashMap.newKeySet();
        return new OutboxHandler<>() {
            @Override
            public Class<Mirror> eventType() {
                return Mirror.class;
            }

            @Override
            public void handle(Mirror event) {
                if (event.id().equals(failsOnceOn) && failed.add(event.id())) {
                    throw new IllegalStateException("no answer");
                }
                order.add(event.id());
            }

            @Override
            public boolean coalesces() {
                return true;
            }
        };
    }

    private List<String> statuses() {
        return jdbc.queryForList("select status from outbox_event order by id", String.class);
    }

    private JdbcTemplate jdbc;
    private final Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();
    private final List<String> order = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void freshDatabase() {
        DriverManagerDataSource db =
                new DriverManagerDataSource("jdbc:h2:mem:outbox-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(db).load().migrate();
        jdbc = new JdbcTemplate(db);
    }

    private OutboxWorker node(OutboxHandler<?>... handlers) {
        return node(new OutboxProperties().getRepliesFirst(), handlers);
    }

    private OutboxWorker node(java.time.Duration repliesFirst, OutboxHandler<?>... handlers) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        for (int i = 0; i < handlers.length; i++) {
            beans.addBean("handler" + i, handlers[i]);
        }
        OutboxProperties settings = new OutboxProperties();
        settings.setRepliesFirst(repliesFirst);
        for (Lane lane : Lane.values()) {
            OutboxProperties.LaneSettings claim = new OutboxProperties.LaneSettings();
            claim.setBatchSize(10);
            settings.getLanes().put(lane, claim);
        }
        return new OutboxWorker(
                jdbc,
                Clock.systemUTC(),
                beans.getBeanProvider(org.springframework.core.ResolvableType.forClass(OutboxHandler.class)),
                settings,
                new RepliesFirst(settings));
    }

    private <E extends OutboxEvent> OutboxHandler<E> counting(
            Class<E> type, java.util.function.Function<E, String> id) {
        return new OutboxHandler<>() {
            @Override
            public Class<E> eventType() {
                return type;
            }

            @Override
            public void handle(E event) {
                order.add(id.apply(event));
                handled.computeIfAbsent(id.apply(event), p -> new AtomicInteger())
                        .incrementAndGet();
            }
        };
    }

    /** Sends, except the one with that id, which fails so. */
    private OutboxHandler<Send> failingOn(String id, RuntimeException failure) {
        return new OutboxHandler<>() {
            @Override
            public Class<Send> eventType() {
                return Send.class;
            }

            @Override
            public void handle(Send event) {
                if (event.id().equals(id)) {
                    throw failure;
                }
                order.add(event.id());
            }
        };
    }

    private OutboxHandler<Send> sends() {
        return counting(Send.class, Send::id);
    }

    private void enqueue(OutboxEvent... events) {
        Outbox outbox = new Outbox(jdbc, Clock.systemUTC(), node());
        for (OutboxEvent event : events) {
            outbox.enqueue(event);
        }
    }

    /** A reply handler that holds its thread until released. */
    private OutboxHandler<Reply> heldReplies(
            java.util.concurrent.CountDownLatch started, java.util.concurrent.CountDownLatch release) {
        return new OutboxHandler<>() {
            @Override
            public Class<Reply> eventType() {
                return Reply.class;
            }

            @Override
            public void handle(Reply event) throws Exception {
                started.countDown();
                release.await();
                order.add(event.id());
            }
        };
    }

    @Test
    void batchWorkWaitsWhileTheNodeWorksOnAReplyAndGoesOnWhenItEnds() throws Exception {
        enqueue(new Reply("chest pain"), new Send("campaign", null));
        var started = new java.util.concurrent.CountDownLatch(1);
        var release = new java.util.concurrent.CountDownLatch(1);
        OutboxWorker node = node(java.time.Duration.ofHours(1), heldReplies(started, release), sends());
        var threads = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var reply = threads.submit(() -> node.drainBatch(Lane.REPLIES));
            assertThat(started.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            var campaign = threads.submit(() -> node.drainBatch(Lane.SENDS));
            Thread.sleep(300);
            assertThat(campaign).as("the campaign's send waits for the reply").isNotDone();
            assertThat(jdbc.queryForObject("select status from outbox_event where lane = 'SENDS'", String.class))
                    .isEqualTo("PENDING");

            release.countDown();

            assertThat(reply.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(campaign.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(order).containsExactly("chest pain", "campaign");
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
    }

    @Test
    void aClaimedBatchThatMeetsAReplyPutsWhatItHasNotBegunBackAndGoesOnAfterTheReply() throws Exception {
        enqueue(new Send("first", null), new Send("second", null), new Send("third", null), new Reply("chest pain"));
        var started = new java.util.concurrent.CountDownLatch(1);
        var release = new java.util.concurrent.CountDownLatch(1);
        var threads = java.util.concurrent.Executors.newFixedThreadPool(2);
        var nodeHolder = new java.util.concurrent.atomic.AtomicReference<OutboxWorker>();
        // the campaign's first send is under way when a patient's reply comes in
        OutboxHandler<Send> sendsMeetingAReply = new OutboxHandler<>() {
            @Override
            public Class<Send> eventType() {
                return Send.class;
            }

            @Override
            public void handle(Send event) throws Exception {
                order.add(event.id());
                if (event.id().equals("first")) {
                    threads.submit(() -> nodeHolder.get().drainBatch(Lane.REPLIES));
                    assertThat(started.await(10, java.util.concurrent.TimeUnit.SECONDS))
                            .isTrue();
                }
            }
        };
        OutboxWorker node = node(java.time.Duration.ofHours(1), heldReplies(started, release), sendsMeetingAReply);
        nodeHolder.set(node);
        try {
            assertThat(node.drainBatch(Lane.SENDS)).as("claimed all three").isEqualTo(3);
            assertThat(order).containsExactly("first");
            assertThat(jdbc.queryForList(
                            "select status from outbox_event where lane = 'SENDS' order by id", String.class))
                    .as("the first done, the two not begun due again")
                    .containsExactly("DONE", "PENDING", "PENDING");
            var campaign = threads.submit(() -> node.drainBatch(Lane.SENDS));
            Thread.sleep(300);
            assertThat(campaign)
                    .as("the campaign's next take waits for the reply")
                    .isNotDone();

            release.countDown();

            assertThat(campaign.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(2);
            assertThat(order).containsExactly("first", "chest pain", "second", "third");
            assertThat(jdbc.queryForObject(
                            "select count(*) from outbox_event where status = 'DONE' and attempts = 1", Integer.class))
                    .as("each handled once, none counted as a failed attempt")
                    .isEqualTo(4);
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
    }

    @Test
    void batchWorkWaitsForAReplyNoLongerThanTheBoundAndNotAtAllWhenTurnedOff() throws Exception {
        for (java.time.Duration bound : List.of(java.time.Duration.ofMillis(100), java.time.Duration.ZERO)) {
            order.clear();
            enqueue(new Reply("reply"), new Send("campaign", null));
            var started = new java.util.concurrent.CountDownLatch(1);
            var release = new java.util.concurrent.CountDownLatch(1);
            OutboxWorker node = node(bound, heldReplies(started, release), sends());
            var threads = java.util.concurrent.Executors.newFixedThreadPool(1);
            try {
                var reply = threads.submit(() -> node.drainBatch(Lane.REPLIES));
                assertThat(started.await(10, java.util.concurrent.TimeUnit.SECONDS))
                        .isTrue();

                assertThat(node.drainBatch(Lane.SENDS))
                        .as("with the reply still held, after at most %s", bound)
                        .isEqualTo(1);
                assertThat(order).containsExactly("campaign");

                release.countDown();
                reply.get(10, java.util.concurrent.TimeUnit.SECONDS);
            } finally {
                release.countDown();
                threads.shutdownNow();
            }
        }
    }

    @Test
    void eventsAreStoredAsJsonUnderTheirKindAndLane() {
        enqueue(new Send("m-1", "sms-to/+15550100"));

        assertThat(jdbc.queryForMap("select kind, lane, ordering_key, payload from outbox_event"))
                .containsEntry("KIND", "test-send")
                .containsEntry("LANE", "SENDS")
                .containsEntry("ORDERING_KEY", "sms-to/+15550100")
                .containsEntry("PAYLOAD", "{\"id\":\"m-1\",\"key\":\"sms-to/+15550100\"}");
    }

    @Test
    void threeNodesDrainingTogetherHandleEveryEventExactlyOnce() throws Exception {
        OutboxEvent[] events = new OutboxEvent[300];
        for (int i = 0; i < events.length; i++) {
            events[i] = new Send("event-" + i, i % 3 == 0 ? "patient/" + (i % 7) : null);
        }
        enqueue(events);
        List<OutboxWorker> nodes = List.of(node(sends()), node(sends()), node(sends()));
        ExecutorService threads = Executors.newFixedThreadPool(nodes.size() * 2);
        CountDownLatch start = new CountDownLatch(1);
        for (OutboxWorker node : nodes) {
            for (int t = 0; t < 2; t++) {
                threads.submit(() -> {
                    start.await();
                    int idle = 0;
                    while (idle < 3) {
                        idle = node.drainBatch(Lane.SENDS) == 0 ? idle + 1 : 0;
                    }
                    return null;
                });
            }
        }
        start.countDown();
        threads.shutdown();
        assertThat(threads.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        assertThat(handled).hasSize(300);
        assertThat(handled.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        assertThat(jdbc.queryForObject("select count(*) from outbox_event where status = 'DONE'", Integer.class))
                .isEqualTo(300);
    }

    @Test
    void eventsWithOneKeyAreHandledOneAtATimeInTheOrderTheyWereWritten() {
        enqueue(
                new Send("a1", "patient/a"),
                new Send("b1", "patient/b"),
                new Send("a2", "patient/a"),
                new Send("a3", "patient/a"),
                new Send("free", null));
        OutboxWorker node = node(sends());

        assertThat(node.drainBatch(Lane.SENDS))
                .as("one per key, and the unkeyed one")
                .isEqualTo(3);
        assertThat(order).containsExactly("a1", "b1", "free");
        while (node.drainBatch(Lane.SENDS) > 0) {
            // the rest of patient a, one at a time
        }
        assertThat(order).containsExactly("a1", "b1", "free", "a2", "a3");
    }

    @Test
    void aMirrorsEventAlsoCarriesOutTheEqualEventsOfItsKeyWaitingWhenItIsClaimed() {
        enqueue(
                new Mirror("message-1", "patient/a"),
                new Mirror("message-2", "patient/a"),
                new Mirror("message-1", "patient/a"),
                new Mirror("message-1", "patient/b"),
                new Mirror("message-1", "patient/a"));
        OutboxWorker node = node(mirrors(null));

        assertThat(node.drainBatch(Lane.RECORDS))
                .as("one claim per key: patient a's first, and patient b's")
                .isEqualTo(2);
        assertThat(order).containsExactly("message-1", "message-1");
        assertThat(statuses())
                .as("patient a's later events for message-1 are carried out by its first; message-2 still waits")
                .containsExactly("DONE", "PENDING", "DONE", "DONE", "DONE");

        while (node.drainBatch(Lane.RECORDS) > 0) {
            // what is left
        }
        assertThat(order).containsExactly("message-1", "message-1", "message-2");
        assertThat(statuses()).containsOnly("DONE");
    }

    @Test
    void threeNodesDrainingMirrorEventsTogetherWriteEveryMessageAfterItsLastChange() throws Exception {
        // one clock for both sides: a change takes its tick before its event is written, a write when it begins
        java.util.concurrent.atomic.AtomicLong ticks = new java.util.concurrent.atomic.AtomicLong();
        Map<String, Long> lastChange = new ConcurrentHashMap<>();
        Map<String, Long> lastWrite = new ConcurrentHashMap<>();
        OutboxHandler<Mirror> mirror = new OutboxHandler<>() {
            @Override
            public Class<Mirror> eventType() {
                return Mirror.class;
            }

            @Override
            public void handle(Mirror event) {
                lastWrite.merge(event.id(), ticks.incrementAndGet(), Math::max);
            }

            @Override
            public boolean coalesces() {
                return true;
            }
        };
        List<OutboxWorker> nodes = List.of(node(mirror), node(mirror), node(mirror));
        Outbox outbox = new Outbox(jdbc, Clock.systemUTC(), node());
        ExecutorService threads = Executors.newFixedThreadPool(nodes.size() * 2 + 1);
        CountDownLatch start = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean changing = new java.util.concurrent.atomic.AtomicBoolean(true);
        threads.submit(() -> {
            start.await();
            // 40 patients, 12 changes each, to one of their 3 messages in turn, while the nodes drain
            for (int round = 0; round < 12; round++) {
                for (int patient = 0; patient < 40; patient++) {
                    String message = patient + "/message-" + (round % 3);
                    lastChange.put(message, ticks.incrementAndGet());
                    outbox.enqueue(new Mirror(message, "patient/" + patient));
                }
            }
            changing.set(false);
            return null;
        });
        for (OutboxWorker node : nodes) {
            for (int t = 0; t < 2; t++) {
                threads.submit(() -> {
                    start.await();
                    int idle = 0;
                    while (changing.get() || idle < 3) {
                        idle = node.drainBatch(Lane.RECORDS) == 0 ? idle + 1 : 0;
                    }
                    return null;
                });
            }
        }
        start.countDown();
        threads.shutdown();
        assertThat(threads.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        assertThat(statuses()).hasSize(480).containsOnly("DONE");
        assertThat(lastChange).hasSize(120);
        assertThat(lastChange)
                .allSatisfy((message, changed) -> assertThat(lastWrite.get(message))
                        .as("%s written after its last change", message)
                        .isGreaterThan(changed));
    }

    @Test
    void equalEventsOfAKindThatDoesNotCoalesceAreEachHandled() {
        enqueue(new Send("a1", "patient/a"), new Send("a1", "patient/a"));
        OutboxWorker node = node(sends());

        while (node.drainBatch(Lane.SENDS) > 0) {
            // one at a time
        }

        assertThat(order).containsExactly("a1", "a1");
    }

    @Test
    void theEqualEventsAMirrorsEventWasToCarryOutWaitAgainWhenItFails() {
        enqueue(new Mirror("message-1", "patient/a"), new Mirror("message-1", "patient/a"));
        OutboxWorker node = node(mirrors("message-1"));

        node.drainBatch(Lane.RECORDS);

        assertThat(order).isEmpty();
        assertThat(jdbc.queryForList(
                        "select status || '/' || attempts || '/' || coalesce(locked_by, '-') from outbox_event order by id",
                        String.class))
                .as("the first waits for its retry; the later one is due again, unclaimed and untried")
                .containsExactly("PENDING/1/-", "PENDING/0/-");

        node.drainBatch(Lane.RECORDS);

        assertThat(order)
                .as("written by the later event while the first waits for its back-off")
                .containsExactly("message-1");
        assertThat(statuses()).containsExactly("PENDING", "DONE");
    }

    @Test
    void aReplyIsClaimedFromItsOwnLaneWhileAThousandSendsWait() {
        OutboxEvent[] campaign = new OutboxEvent[1000];
        for (int i = 0; i < campaign.length; i++) {
            campaign[i] = new Send("send-" + i, null);
        }
        enqueue(campaign);
        enqueue(new Reply("the-reply"));
        OutboxWorker node = node(sends(), counting(Reply.class, Reply::id));

        assertThat(node.drainBatch(Lane.REPLIES)).isEqualTo(1);
        assertThat(order).containsExactly("the-reply");
        assertThat(jdbc.queryForObject(
                        "select count(*) from outbox_event where lane = 'SENDS' and status = 'PENDING'", Integer.class))
                .isEqualTo(1000);
    }

    @Test
    void failingEventIsRetriedLaterAndGivesUpAfterTheLastAttempt() {
        enqueue(new Flaky("x"));
        OutboxWorker node = node(new OutboxHandler<Flaky>() {
            @Override
            public Class<Flaky> eventType() {
                return Flaky.class;
            }

            @Override
            public void handle(Flaky event) {
                throw new IllegalStateException("provider down");
            }
        });

        node.drainBatch(Lane.SENDS);
        assertThat(jdbc.queryForMap("select status, attempts, last_error from outbox_event"))
                .containsEntry("STATUS", "PENDING")
                .containsEntry("ATTEMPTS", 1)
                .containsEntry("LAST_ERROR", "IllegalStateException: provider down");
        assertThat(node.drainBatch(Lane.SENDS))
                .as("not due again before its back-off")
                .isZero();

        jdbc.update(
                "update outbox_event set attempts = ?, next_attempt_at = current_timestamp",
                OutboxWorker.MAX_ATTEMPTS - 1);
        node.drainBatch(Lane.SENDS);
        assertThat(jdbc.queryForObject("select status from outbox_event", String.class))
                .isEqualTo("FAILED");
    }

    @Test
    void aKeyWhoseEventWaitsForARetryDoesNotHoldBackTheKeysLaterEvents() {
        enqueue(new Send("first", "patient/a"), new Send("second", "patient/a"));
        jdbc.update("update outbox_event set next_attempt_at = dateadd('MINUTE', 5, current_timestamp), attempts = 1 "
                + "where payload like '%first%'");

        node(sends()).drainBatch(Lane.SENDS);

        assertThat(order).containsExactly("second");
    }

    @Test
    void aBatchThatFailsIsHandledOneByOneSoOneBadEventDoesNotHoldBackTheRest() {
        enqueue(new Send("good-1", null), new Send("bad", null), new Send("good-2", null));
        List<Integer> batchSizes = new ArrayList<>();
        OutboxWorker node = node(new OutboxHandler<Send>() {
            @Override
            public Class<Send> eventType() {
                return Send.class;
            }

            @Override
            public void handle(Send event) {
                if (event.id().equals("bad")) {
                    throw new OutboxHandler.PermanentFailure("refused");
                }
                order.add(event.id());
            }

            @Override
            public void handleAll(List<Send> events) {
                batchSizes.add(events.size());
                throw new IllegalStateException("one of them is bad");
            }

            @Override
            public boolean batches() {
                return true;
            }
        });

        node.drainBatch(Lane.SENDS);

        assertThat(batchSizes).containsExactly(3);
        assertThat(order).containsExactly("good-1", "good-2");
        assertThat(jdbc.queryForList("select status from outbox_event order by id", String.class))
                .containsExactly("DONE", "FAILED", "DONE");
    }

    @Test
    void anEventThatMayNotBeHandledYetWaitsWithoutAnAttemptWhileOthersGoOn() {
        enqueue(new Send("limited", "sms-to/a"), new Send("other", "sms-to/b"));
        OutboxWorker node = node(failingOn("limited", new OutboxHandler.NotYet(java.time.Duration.ofMinutes(5))));

        node.drainBatch(Lane.SENDS);
        node.drainBatch(Lane.SENDS);

        assertThat(order).containsExactly("other");
        Map<String, Object> limited = jdbc.queryForMap(
                "select status, attempts, last_error, next_attempt_at from outbox_event where payload like '%limited%'");
        assertThat(limited)
                .containsEntry("STATUS", "PENDING")
                .containsEntry("ATTEMPTS", 0)
                .containsEntry("LAST_ERROR", null);
        assertThat(((java.sql.Timestamp) limited.get("NEXT_ATTEMPT_AT")).toInstant())
                .isAfter(java.time.Instant.now().plus(java.time.Duration.ofMinutes(4)));
    }

    @Test
    void eventOfAnUnknownKindFailsForGoodAtOnce() {
        enqueue(new Reply("nobody-handles-this"));

        node(sends()).drainBatch(Lane.REPLIES);

        assertThat(jdbc.queryForMap("select status, last_error from outbox_event"))
                .containsEntry("STATUS", "FAILED")
                .containsEntry("LAST_ERROR", "PermanentFailure: no handler for test-reply");
    }

    @Test
    void twoHandlersForOneNameOrAnEventWithoutAKindAreRefusedAtStart() {
        assertThatThrownBy(() ->
                        node(sends(), counting(SameName.class, SameName::id)).kinds())
                .hasMessageContaining("'test-send' is handled by both");
        assertThatThrownBy(() -> node(counting(Unnamed.class, Unnamed::id)).kinds())
                .hasMessageContaining("without @OutboxEvent.Kind");
    }

    @Test
    void eventsWaitingWhenANodeIsUpgradedAreRewrittenAsTypedJsonInTheirLanes() {
        DriverManagerDataSource db = new DriverManagerDataSource(
                "jdbc:h2:mem:outbox-upgrade-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(db).target("3").load().migrate();
        JdbcTemplate old = new JdbcTemplate(db);
        String insert = "insert into outbox_event (kind, payload, status, attempts, next_attempt_at, created_at) "
                + "values (?, ?, 'PENDING', 0, current_timestamp, current_timestamp)";
        old.update(insert, "sms-send", "m-1");
        old.update(insert, "sms-status", "SM0123 delivered ");
        old.update(insert, "reply-received", "in-1");
        old.update(insert, "handoff-changed", "{\"taskId\":\"t-1\"}");

        Flyway.configure().dataSource(db).load().migrate();

        assertThat(old.queryForList(
                        "select lane || ' ' || coalesce(ordering_key, '-') || ' ' || payload from outbox_event "
                                + "order by id",
                        String.class))
                .containsExactly(
                        "SENDS - {\"messageId\":\"m-1\"}",
                        "STATUS SM0123 {\"sid\":\"SM0123\",\"status\":\"delivered\",\"errorCode\":null}",
                        "REPLIES - {\"inboundId\":\"in-1\"}",
                        "RECORDS - {\"snapshot\":{\"taskId\":\"t-1\"}}");
    }
}
