package org.careloop.engine.outreach;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * When a program's message may go at the earliest: inside the patient's sending hours, and within the program's
 * frequency caps counted over the patient's messages of that program that went or wait to go (answers and messages
 * that never reached the patient do not count). A message that does not fit waits for the first time it does.
 * Call it in the transaction that records the message: it holds the patient's {@code outreach_lock} row until then.
 */
@Component
class SendingSchedule {

    static final Duration DAY = Duration.ofDays(1);
    static final Duration WEEK = Duration.ofDays(7);
    private static final int MAX_STEPS = 200;

    private final JdbcTemplate jdbc;
    private final FrequencyCaps caps;
    private final org.springframework.transaction.support.TransactionTemplate ownTransaction;

    SendingSchedule(
            @Qualifier("engineJdbc") JdbcTemplate jdbc,
            FrequencyCaps caps,
            @Qualifier("camundaBpmTransactionManager")
                    org.springframework.transaction.PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.caps = caps;
        this.ownTransaction = new org.springframework.transaction.support.TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(
                org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * @param sendingHours the first moment at or after a time that lies in the patient's sending hours
     */
    Instant earliest(String patientId, String program, Instant now, UnaryOperator<Instant> sendingHours) {
        Instant candidate = sendingHours.apply(now);
        if (!caps.isEnabled() || program == null) {
            return candidate;
        }
        int[] limits = caps.of(program);
        // one patient's messages are scheduled one at a time, across threads and nodes: the lock holds until commit
        Timestamp locked = Timestamp.from(now);
        if (jdbc.update("update outreach_lock set locked_at = ? where patient_id = ?", locked, patientId) == 0) {
            // the patient's first message: the row is made in a transaction of its own (two at once: one makes it,
            // the other finds it), then taken in the caller's
            try {
                ownTransaction.executeWithoutResult(tx -> jdbc.update(
                        "insert into outreach_lock (patient_id, locked_at) values (?, ?)", patientId, locked));
            } catch (org.springframework.dao.DuplicateKeyException madeByAnother) {
                // it exists now
            }
            jdbc.update("update outreach_lock set locked_at = ? where patient_id = ?", locked, patientId);
        }
        List<Instant> others = jdbc
                .queryForList(
                        "select send_after from outbound_message where patient_id = ? and program = ? "
                                + "and in_response_to is null and send_after > ? "
                                + "and status in ('QUEUED', 'SENDING', 'SENT', 'DELIVERED', 'UNKNOWN') "
                                + "order by send_after",
                        Timestamp.class,
                        patientId,
                        program,
                        Timestamp.from(now.minus(WEEK)))
                .stream()
                .map(Timestamp::toInstant)
                .toList();
        for (int step = 0; step < MAX_STEPS; step++) {
            if (fits(candidate, others, limits)) {
                return candidate;
            }
            Instant at = candidate;
            // the next moment some message stops counting against this one
            Instant next = others.stream()
                    .flatMap(m -> java.util.stream.Stream.of(m.plus(DAY), m.plus(WEEK)))
                    .filter(t -> t.isAfter(at))
                    .min(Instant::compareTo)
                    .orElse(at.plus(DAY));
            candidate = sendingHours.apply(next);
        }
        return candidate;
    }

    /**
     * Whether one more message at {@code at} keeps every 24-hour and 7-day window around it within the limits.
     * Counted over the span on both sides, so that a message waiting for later also counts.
     */
    static boolean fits(Instant at, List<Instant> others, int[] limits) {
        long day = others.stream()
                .filter(m -> m.isAfter(at.minus(DAY)) && m.isBefore(at.plus(DAY)))
                .count();
        long week = others.stream()
                .filter(m -> m.isAfter(at.minus(WEEK)) && m.isBefore(at.plus(WEEK)))
                .count();
        return day < limits[0] && week < limits[1];
    }
}
