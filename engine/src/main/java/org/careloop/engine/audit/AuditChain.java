package org.careloop.engine.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit trail's hash chain. Records are written at once, unchained, wherever the access happens (no lock on the
 * reader's path); every second one node at a time (the head row's lock) seals the new ones in order: each gets the
 * next place in the chain and the SHA-256 of the hash before it and of its own content. {@link #verify()} walks the
 * chain and names every record that was changed, deleted or slipped in, and records left unsealed.
 */
@Component
public class AuditChain {

    private static final Logger log = LoggerFactory.getLogger(AuditChain.class);
    static final String GENESIS = "0".repeat(64);
    static final int BATCH = 500;
    /** Longer than any sealing pass takes: an older unsealed record means sealing has stopped. */
    static final Duration SEALED_WITHIN = Duration.ofMinutes(2);

    private static final String COLUMNS = "id, recorded_at, agent, patient_id, action, resource";

    /** The result of a verification: intact, or the problems found (the first 50). */
    public record Verification(boolean intact, long records, long unsealed, List<String> problems) {}

    private record Entry(
            String id, Timestamp recordedAt, String agent, String patientId, String action, String resource) {}

    private record Head(long seq, String hash) {}

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    AuditChain(
            @Qualifier("engineJdbc") JdbcTemplate jdbc,
            @Qualifier("engineTransactions") TransactionTemplate transactions,
            Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${careloop.audit.seal-every:PT1S}", initialDelay = 5_000)
    void sealRegularly() {
        try {
            seal();
        } catch (RuntimeException e) {
            log.warn(
                    "Sealing the audit trail failed; trying again shortly ({})",
                    e.getClass().getSimpleName());
        }
    }

    /** Seals every record written so far; returns how many. */
    public int seal() {
        int total = 0;
        int sealed;
        do {
            sealed = transactions.execute(status -> sealBatch());
            total += sealed;
        } while (sealed == BATCH);
        return total;
    }

    private int sealBatch() {
        Head head = jdbc.queryForObject(
                "select last_seq, last_hash from audit_chain_head where id = 1 for update",
                (rs, n) -> new Head(rs.getLong(1), rs.getString(2)));
        List<Entry> unsealed = jdbc.query(
                "select " + COLUMNS + " from audit_log where chain_seq is null order by recorded_at, id "
                        + "fetch first " + BATCH + " rows only",
                AuditChain::entry);
        if (unsealed.isEmpty()) {
            return 0;
        }
        long seq = head.seq();
        String hash = head.hash();
        List<Object[]> updates = new ArrayList<>(unsealed.size());
        for (Entry entry : unsealed) {
            seq++;
            hash = hash(hash, seq, entry);
            updates.add(new Object[] {seq, hash, entry.id()});
        }
        jdbc.batchUpdate(
                "update audit_log set chain_seq = ?, chain_hash = ? where id = ? and chain_seq is null", updates);
        jdbc.update("update audit_chain_head set last_seq = ?, last_hash = ? where id = 1", seq, hash);
        return unsealed.size();
    }

    /**
     * Walks the chain from its first record to the head read when it starts (records sealed meanwhile are left for
     * the next run) and reports each record changed, each run of places missing, the head's disagreement, and records
     * left unsealed for longer than sealing takes.
     */
    public Verification verify() {
        Head head = jdbc.queryForObject(
                "select last_seq, last_hash from audit_chain_head where id = 1",
                (rs, n) -> new Head(rs.getLong(1), rs.getString(2)));
        List<String> problems = new ArrayList<>();
        long expected = 1;
        long seen = 0;
        String previous = GENESIS;
        while (true) {
            List<Object[]> page = jdbc.query(
                    "select chain_seq, chain_hash, " + COLUMNS + " from audit_log "
                            + "where chain_seq >= ? and chain_seq <= ? order by chain_seq fetch first 1000 rows only",
                    (rs, n) -> new Object[] {rs.getLong(1), rs.getString(2), entry(rs, n)},
                    expected,
                    head.seq());
            if (page.isEmpty()) {
                break;
            }
            for (Object[] row : page) {
                long seq = (Long) row[0];
                String stored = (String) row[1];
                Entry entry = (Entry) row[2];
                seen++;
                if (seq != expected) {
                    problem(problems, range(expected, seq - 1) + " deleted");
                } else if (!hash(previous, seq, entry).equals(stored)) {
                    problem(problems, "record " + seq + " (" + entry.id() + ") changed");
                }
                previous = stored;
                expected = seq + 1;
            }
        }
        if (expected <= head.seq()) {
            problem(problems, range(expected, head.seq()) + " deleted");
        } else if (!previous.equals(head.hash())) {
            problem(problems, "the chain's head does not match its last record");
        }
        Long unsealed = jdbc.queryForObject(
                "select count(*) from audit_log where chain_seq is null and recorded_at < ?",
                Long.class,
                Timestamp.from(clock.instant().minus(SEALED_WITHIN)));
        if (unsealed != null && unsealed > 0) {
            problem(
                    problems,
                    unsealed + " records left out of the chain for over " + SEALED_WITHIN.toMinutes() + " minutes");
        }
        return new Verification(problems.isEmpty(), seen, unsealed == null ? 0 : unsealed, List.copyOf(problems));
    }

    private static String range(long from, long to) {
        return from == to ? "record " + from : "records " + from + "–" + to;
    }

    private static void problem(List<String> problems, String problem) {
        if (problems.size() < 50) {
            problems.add(problem);
        }
    }

    private static Entry entry(ResultSet rs, int n) throws SQLException {
        return new Entry(
                rs.getString("id"),
                rs.getTimestamp("recorded_at"),
                rs.getString("agent"),
                rs.getString("patient_id"),
                rs.getString("action"),
                rs.getString("resource"));
    }

    /** SHA-256 over the previous hash, the place and every column, each length-prefixed so no two records collide. */
    static String hash(String previous, long seq, Entry entry) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String field : new String[] {
                previous,
                Long.toString(seq),
                entry.id(),
                entry.recordedAt() == null
                        ? null
                        : entry.recordedAt().toInstant().toString(),
                entry.agent(),
                entry.patientId(),
                entry.action(),
                entry.resource()
            }) {
                if (field == null) {
                    digest.update((byte) 0);
                } else {
                    byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
                    digest.update((byte) 1);
                    digest.update(
                            java.nio.ByteBuffer.allocate(4).putInt(bytes.length).array());
                    digest.update(bytes);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
