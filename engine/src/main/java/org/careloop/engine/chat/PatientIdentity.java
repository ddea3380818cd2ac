package org.careloop.engine.chat;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.careloop.engine.fhir.PatientDirectory;
import org.careloop.engine.fhir.PatientSummary;
import org.careloop.engine.outreach.ChatLinks;
import org.careloop.engine.outreach.OutreachRequest;
import org.careloop.engine.outreach.OutreachService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A patient proves who they are before the web chat shows anything personal: the date of birth on file, then a
 * six-digit code texted to the mobile on file. Wrong answers count per patient, whichever link is used; five lock the
 * patient's chat for 30 minutes. At most three codes go out an hour, each valid 10 minutes and once; only its keyed
 * hash is kept.
 */
@Component
public class PatientIdentity {

    private static final Logger log = LoggerFactory.getLogger(PatientIdentity.class);
    public static final int MAX_FAILURES = 5;
    static final Duration LOCKED_FOR = Duration.ofMinutes(30);
    static final Duration CODE_VALID_FOR = Duration.ofMinutes(10);
    static final int CODES_PER_HOUR = 3;
    static final String TEMPLATE = org.careloop.engine.outreach.MessageLedger.ONE_TIME_CODE;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a step came to. */
    enum Outcome {
        /** The birth date matched; a code is on its way to the mobile on file. */
        CODE_SENT,
        /** The code matched: the patient may see their conversation. */
        CONFIRMED,
        /** The answer did not match; more tries remain. */
        WRONG,
        /** The code is past its time, or none was sent: ask for a new one. */
        CODE_ENDED,
        /** Too many wrong answers: nothing is checked until the lock ends. */
        LOCKED,
        /** Three codes went out this hour already. */
        TOO_MANY_CODES,
        /** No mobile on file that may be texted: a person must help. */
        CANNOT_TEXT
    }

    private record State(
            int failures, Instant lockedUntil, String codeHash, Instant codeEnds, int codesSent, Instant window) {}

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final PatientDirectory patients;
    private final OutreachService outreach;
    private final ChatLinks links;

    PatientIdentity(
            @Qualifier("engineJdbc") JdbcTemplate jdbc,
            @Qualifier("engineTransactions") TransactionTemplate transactions,
            Clock clock,
            PatientDirectory patients,
            OutreachService outreach,
            ChatLinks links) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.patients = patients;
        this.outreach = outreach;
        this.links = links;
    }

    /** Checks the date of birth; when it matches, texts a new code to the mobile on file. */
    Outcome birthDate(String patientId, LocalDate given) {
        return unlessLocked(patientId, (state, now) -> {
            LocalDate onFile =
                    patients.find(patientId).map(PatientSummary::birthDate).orElse(null);
            if (onFile == null || !onFile.equals(given)) {
                return failed(patientId, state);
            }
            boolean newWindow = state.window() == null
                    || !state.window().plus(Duration.ofHours(1)).isAfter(now);
            int sent = newWindow ? 0 : state.codesSent();
            if (sent >= CODES_PER_HOUR) {
                return Outcome.TOO_MANY_CODES;
            }
            String code = String.format("%06d", RANDOM.nextInt(1_000_000));
            OutreachService.Result result = outreach.send(new OutreachRequest(
                    patientId, TEMPLATE, null, null, null, null, null, null, code, null, null, null));
            if (result != OutreachService.Result.QUEUED) {
                log.info("No identity code for patient {}: {}", patientId, result);
                return Outcome.CANNOT_TEXT;
            }
            jdbc.update(
                    "update identity_check set code_hash = ?, code_expires_at = ?, codes_sent = ?, "
                            + "codes_window_start = ? where patient_id = ?",
                    links.digest(patientId + ":" + code),
                    Timestamp.from(now.plus(CODE_VALID_FOR)),
                    sent + 1,
                    Timestamp.from(newWindow ? now : state.window()),
                    patientId);
            log.info("Identity code texted to patient {}", patientId);
            return Outcome.CODE_SENT;
        });
    }

    /** Checks the code; a match is used up at once. */
    Outcome code(String patientId, String given) {
        return unlessLocked(patientId, (state, now) -> {
            if (state.codeHash() == null
                    || state.codeEnds() == null
                    || !state.codeEnds().isAfter(now)) {
                return Outcome.CODE_ENDED;
            }
            String digits = given == null ? "" : given.replaceAll("\\s", "");
            if (!digits.matches("\\d{6}")
                    || !MessageDigest.isEqual(
                            links.digest(patientId + ":" + digits).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                            state.codeHash().getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
                return failed(patientId, state);
            }
            jdbc.update(
                    "update identity_check set failures = 0, code_hash = null, code_expires_at = null "
                            + "where patient_id = ?",
                    patientId);
            log.info("Patient {} confirmed who they are for the web chat", patientId);
            return Outcome.CONFIRMED;
        });
    }

    /** Runs a step in a transaction holding the patient's row, unless the patient's chat is locked. */
    private Outcome unlessLocked(String patientId, java.util.function.BiFunction<State, Instant, Outcome> step) {
        ensureRow(patientId);
        return transactions.execute(tx -> {
            State state = lockedState(patientId);
            Instant now = clock.instant();
            if (state.lockedUntil() != null && state.lockedUntil().isAfter(now)) {
                return Outcome.LOCKED;
            }
            return step.apply(state, now);
        });
    }

    private Outcome failed(String patientId, State state) {
        int failures = state.failures() + 1;
        if (failures >= MAX_FAILURES) {
            // locked, and any code sent is void: the next try starts again from the date of birth
            jdbc.update(
                    "update identity_check set failures = 0, locked_until = ?, code_hash = null, "
                            + "code_expires_at = null where patient_id = ?",
                    Timestamp.from(clock.instant().plus(LOCKED_FOR)),
                    patientId);
            log.warn("Web chat of patient {} locked for {} after {} wrong answers", patientId, LOCKED_FOR, failures);
            return Outcome.LOCKED;
        }
        jdbc.update("update identity_check set failures = ? where patient_id = ?", failures, patientId);
        return Outcome.WRONG;
    }

    /** The patient's row, made on its own (outside the check's transaction) if there is none yet. */
    private void ensureRow(String patientId) {
        try {
            jdbc.update(
                    "insert into identity_check (patient_id, failures, codes_sent) select ?, 0, 0 "
                            + "where not exists (select 1 from identity_check where patient_id = ?)",
                    patientId,
                    patientId);
        } catch (DuplicateKeyException madeMeanwhile) {
            // another request made it first
        }
    }

    /** The patient's row, locked for this transaction: two tries at once count as two. */
    private State lockedState(String patientId) {
        Map<String, Object> row =
                jdbc.queryForMap("select * from identity_check where patient_id = ? for update", patientId);
        return new State(
                ((Number) row.get("failures")).intValue(),
                instant(row.get("locked_until")),
                (String) row.get("code_hash"),
                instant(row.get("code_expires_at")),
                ((Number) row.get("codes_sent")).intValue(),
                instant(row.get("codes_window_start")));
    }

    private static Instant instant(Object value) {
        return value instanceof Timestamp t ? t.toInstant() : null;
    }
}
