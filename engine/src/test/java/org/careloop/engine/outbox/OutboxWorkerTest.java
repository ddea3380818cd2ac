package org.careloop.engine.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
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

/** The outbox on the real schema: several nodes drain one database, and each event is handled once. */
class OutboxWorkerTest {

    private JdbcTemplate jdbc;
    private final Map<String, AtomicInteger> handled = new ConcurrentHashMap<>();

    @BeforeEach
    void freshDatabase() {
        DriverManagerDataSource db = new DriverManagerDataSource(
                "jdbc:h2:mem:outbox-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(db).load().migrate();
        jdbc = new JdbcTemplate(db);
    }

    private OutboxWorker node(OutboxHandler... handlers) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        for (OutboxHandler handler : handlers) {
            beans.addBean(handler.kind(), handler);
        }
        return new OutboxWorker(jdbc, Clock.systemUTC(), beans.getBeanProvider(OutboxHandler.class), 10);
    }

    private OutboxHandler counting(String kind) {
        return new OutboxHandler() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public void handle(String payload) {
                handled.computeIfAbsent(payload, p -> new AtomicInteger()).incrementAndGet();
            }
        };
    }

    private void enqueue(int events, String kind) {
        Outbox outbox = new Outbox(jdbc, Clock.systemUTC(), node());
        for (int i = 0; i < events; i++) {
            outbox.enqueue(kind, "event-" + i);
        }
    }

    @Test
    void threeNodesDrainingTogetherHandleEveryEventExactlyOnce() throws Exception {
        enqueue(300, "send");
        List<OutboxWorker> nodes = List.of(node(counting("send")), node(counting("send")), node(counting("send")));
        ExecutorService threads = Executors.newFixedThreadPool(nodes.size());
        CountDownLatch start = new CountDownLatch(1);
        for (OutboxWorker node : nodes) {
            threads.submit(() -> {
                start.await();
                while (node.drainBatch() > 0) {
                    // keep draining until nothing is left for this node
                }
                return null;
            });
        }
        start.countDown();
        threads.shutdown();
        assertThat(threads.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        assertThat(handled).hasSize(300);
        assertThat(handled.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        assertThat(jdbc.queryForObject("select count(*) from outbox_event where status = 'DONE'", Integer.class)).isEqualTo(300);
    }

    @Test
    void failingEventIsRetriedLaterAndGivesUpAfterTheLastAttempt() {
        enqueue(1, "flaky");
        OutboxWorker node = node(new OutboxHandler() {
            @Override
            public String kind() {
                return "flaky";
            }

            @Override
            public void handle(String payload) {
                throw new IllegalStateException("provider down");
            }
        });

        node.drainBatch();
        assertThat(jdbc.queryForMap("select status, attempts, last_error from outbox_event"))
                .containsEntry("STATUS", "PENDING").containsEntry("ATTEMPTS", 1)
                .containsEntry("LAST_ERROR", "IllegalStateException: provider down");
        assertThat(node.drainBatch()).as("not due again before its back-off").isZero();

        jdbc.update("update outbox_event set attempts = ?, next_attempt_at = current_timestamp", OutboxWorker.MAX_ATTEMPTS - 1);
        node.drainBatch();
        assertThat(jdbc.queryForObject("select status from outbox_event", String.class)).isEqualTo("FAILED");
    }

    @Test
    void eventOfAnUnknownKindFailsForGoodAtOnce() {
        enqueue(1, "nobody-handles-this");

        node(counting("send")).drainBatch();

        assertThat(jdbc.queryForObject("select status from outbox_event", String.class)).isEqualTo("FAILED");
    }
}
