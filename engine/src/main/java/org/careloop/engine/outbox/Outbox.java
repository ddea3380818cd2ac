package org.careloop.engine.outbox;

import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Transactional outbox on the engine database. {@link #enqueue} joins the caller's transaction (a Camunda job, a
 * webhook), so the event exists exactly when the caller's work committed; the event's lane is woken right after the
 * commit, and every lane also polls, so nothing is lost if a node stops.
 */
@Component
public class Outbox {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final OutboxWorker worker;

    Outbox(@Qualifier("engineJdbc") JdbcTemplate jdbc, Clock clock, OutboxWorker worker) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.worker = worker;
    }

    public void enqueue(OutboxEvent event) {
        enqueue(event, null);
    }

    /**
     * The events of a kind that are not handled yet (waiting for their turn or in hand), among those of the given
     * ordering keys; found through the ordering-key index.
     */
    public <E extends OutboxEvent> java.util.List<E> waiting(Class<E> type, java.util.Collection<String> orderingKeys) {
        if (orderingKeys.isEmpty()) {
            return java.util.List.of();
        }
        java.util.List<Object> arguments = new java.util.ArrayList<>(orderingKeys);
        arguments.add(OutboxKinds.nameOf(type));
        return jdbc.query(
                "select payload from outbox_event where ordering_key in ("
                        + OutboxWorker.placeholders(orderingKeys.size())
                        + ") and kind = ? and status in ('PENDING', 'PROCESSING')",
                (rs, row) -> OutboxKinds.fromJson(rs.getString(1), type),
                arguments.toArray());
    }

    /**
     * @param notBefore when the event may be handled at the earliest (e.g. the end of a patient's quiet hours), or
     *                  null for at once; until then it holds back no other event, not even one of its ordering key
     */
    public void enqueue(OutboxEvent event, java.time.Instant notBefore) {
        String kind = OutboxKinds.nameOf(event.getClass());
        Lane lane = OutboxKinds.laneOf(event.getClass());
        String payload = OutboxKinds.toJson(event);
        if (payload.length() > 4000) {
            throw new IllegalArgumentException("Outbox payload of " + kind + " is too long");
        }
        Timestamp now = Timestamp.from(clock.instant());
        Timestamp due = notBefore == null || !notBefore.isAfter(now.toInstant()) ? now : Timestamp.from(notBefore);
        jdbc.update(
                "insert into outbox_event (kind, lane, ordering_key, payload, status, attempts, next_attempt_at, created_at) "
                        + "values (?, ?, ?, ?, 'PENDING', 0, ?, ?)",
                kind,
                lane.name(),
                event.orderingKey(),
                payload,
                due,
                now);
        AfterCommit.run(() -> worker.wake(lane));
    }
}
