package org.careloop.engine.crypto;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * After a rotation, moves every sealed value to the primary data key (and seals values written before encryption was
 * on), in pages of 500 by id, each row changed only if nobody changed it meanwhile; the system keeps running.
 * Message bodies, patients' contacts and words kept as consent evidence, staff's second-factor secrets, automated
 * summaries, and the sealed process variables in the runtime and history tables.
 */
@Component
public class Reencryption {

    private static final Logger log = LoggerFactory.getLogger(Reencryption.class);
    private static final int PAGE = 500;

    /** Progress of the latest pass. */
    public record Progress(boolean running, long examined, long resealed) {}

    private final JdbcTemplate jdbc;
    private final PhiCipher cipher;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong examined = new AtomicLong();
    private final AtomicLong resealed = new AtomicLong();

    Reencryption(@Qualifier("engineJdbc") JdbcTemplate jdbc, PhiCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    public Progress progress() {
        return new Progress(running.get(), examined.get(), resealed.get());
    }

    /** Starts a pass in the background unless one runs; returns whether this call started it. */
    public boolean start() {
        if (!running.compareAndSet(false, true)) {
            return false;
        }
        examined.set(0);
        resealed.set(0);
        Thread pass = new Thread(
                () -> {
                    try {
                        run();
                    } catch (RuntimeException e) {
                        log.error("Re-encryption stopped: {}", e.getClass().getSimpleName());
                    } finally {
                        running.set(false);
                    }
                },
                "careloop-reencryption");
        pass.setDaemon(true);
        pass.start();
        return true;
    }

    /** One whole pass, in this thread. */
    void run() {
        table("outbound_message", "id", "body", PhiCipher.OUTBOUND_BODY, "");
        table("outbound_message", "id", "to_number", PhiCipher.OUTBOUND_TO, "");
        table("inbound_message", "id", "body", PhiCipher.INBOUND_BODY, "");
        table("inbound_message", "id", "from_number", PhiCipher.INBOUND_FROM, "");
        table("consent_record", "id", "contact", PhiCipher.CONSENT_CONTACT, 0L);
        table("consent_record", "id", "words", PhiCipher.CONSENT_WORDS, 0L);
        table("sms_opt_out", "number_index", "words", PhiCipher.OPT_OUT_WORDS, "");
        table("staff_second_factor", "user_id", "secret", PhiCipher.SECOND_FACTOR_SECRET, "");
        table("handoff_summary", "task_id", "summary", PhiCipher.HANDOFF_SUMMARY, "");
        table("emergency_access", "id", "reason", PhiCipher.EMERGENCY_REASON, 0L);
        // notes written before they were sealed are sealed by the first pass
        table("handoff_change", "id", "note", PhiCipher.HANDOFF_NOTE, 0L);
        // the runtime table names a variable's type TYPE_, the history tables VAR_TYPE_
        variables("ACT_RU_VARIABLE", "TYPE_");
        variables("ACT_HI_VARINST", "VAR_TYPE_");
        variables("ACT_HI_DETAIL", "VAR_TYPE_");
        log.info("Re-encryption done: {} values examined, {} sealed with the primary key", examined, resealed);
    }

    /** Seals one column's values with the primary key, in pages by the table's key ({@code first} below every key). */
    private void table(String table, String key, String column, String aad, Object first) {
        Object after = first;
        while (true) {
            List<Map<String, Object>> page = jdbc.queryForList(
                    "select " + key + " as k, " + column + " as v from " + table + " where " + key + " > ? order by "
                            + key + " fetch first " + PAGE + " rows only",
                    after);
            if (page.isEmpty()) {
                return;
            }
            for (Map<String, Object> row : page) {
                examined.incrementAndGet();
                String stored = (String) row.get("v");
                if (stored != null && !cipher.sealedWithPrimary(stored)) {
                    String moved = cipher.seal(cipher.open(stored, aad), aad);
                    resealed.addAndGet(jdbc.update(
                            "update " + table + " set " + column + " = ? where " + key + " = ? and " + column + " = ?",
                            moved,
                            row.get("k"),
                            stored));
                }
            }
            after = page.get(page.size() - 1).get("k");
        }
    }

    private void variables(String table, String typeColumn) {
        String after = "";
        String names = String.join(
                ",", SealedVariables.SEALED.stream().map(n -> "'" + n + "'").toList());
        while (true) {
            List<Map<String, Object>> page = jdbc.queryForList(
                    "select ID_, NAME_, TEXT_, TEXT2_ from " + table + " where ID_ > ? and NAME_ in (" + names + ") "
                            + "and TEXT_ is not null and " + typeColumn + " = 'string' order by ID_ fetch first " + PAGE
                            + " rows only",
                    after);
            if (page.isEmpty()) {
                return;
            }
            for (Map<String, Object> row : page) {
                examined.incrementAndGet();
                String text = (String) row.get("TEXT_");
                String stored = SealedVariables.joined(text, (String) row.get("TEXT2_"));
                if (!cipher.sealedWithPrimary(stored)) {
                    String column = SealedVariables.column((String) row.get("NAME_"));
                    String[] moved = SealedVariables.columns(cipher.seal(cipher.open(stored, column), column));
                    resealed.addAndGet(jdbc.update(
                            "update " + table + " set TEXT_ = ?, TEXT2_ = ? where ID_ = ? and TEXT_ = ?",
                            moved[0],
                            moved[1],
                            row.get("ID_"),
                            text));
                }
            }
            after = (String) page.get(page.size() - 1).get("ID_");
        }
    }
}
