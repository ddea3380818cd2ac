package org.careloop.engine.handoff;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.careloop.engine.audit.AuditTrail;
import org.careloop.engine.crypto.PhiCipher;
import org.careloop.engine.fhir.PatientDirectory;
import org.careloop.engine.fhir.PatientSummary;
import org.careloop.forms.emergency.EmergencyAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;

/**
 * Emergency access to a patient outside a clinician's queues: granted at once for {@code careloop.emergency-access.lasts}
 * (an hour by default) to the clinician who states why, recorded with the reason (sealed) and on the audit trail as
 * "break the glass", and opened to them on the patient's page and over FHIR until it ends. Nothing is held in memory:
 * the access rules ask {@code emergency_access} by user and end. The privacy office is told at once by email
 * ({@link EmergencyAccessNotices}).
 */
@Service
class EmergencyAccessService implements EmergencyAccess {

    private static final Logger log = LoggerFactory.getLogger(EmergencyAccessService.class);

    static final int SHORTEST_REASON = 10;
    static final int LONGEST_REASON = 1000;

    private final HandoffBoardService board;
    private final PatientDirectory patients;
    private final JdbcTemplate jdbc;
    private final PhiCipher cipher;
    private final AuditTrail audit;
    private final Clock clock;
    private final Duration lasts;
    private final org.springframework.transaction.support.TransactionTemplate transactions;
    private final org.careloop.engine.outbox.Outbox outbox;
    private final EmergencyAccessNotices notices;

    EmergencyAccessService(
            HandoffBoardService board,
            PatientDirectory patients,
            @Qualifier("engineJdbc") JdbcTemplate jdbc,
            PhiCipher cipher,
            AuditTrail audit,
            Clock clock,
            @Value("${careloop.emergency-access.lasts:PT1H}") Duration lasts,
            @Qualifier("engineTransactions") org.springframework.transaction.support.TransactionTemplate transactions,
            org.careloop.engine.outbox.Outbox outbox,
            EmergencyAccessNotices notices) {
        this.transactions = transactions;
        this.outbox = outbox;
        this.notices = notices;
        this.board = board;
        this.patients = patients;
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.audit = audit;
        this.clock = clock;
        this.lasts = lasts;
    }

    @Override
    public Duration lasts() {
        return lasts;
    }

    @Override
    public Grant open(String mrn, String reason, String user, Collection<String> groups, String address) {
        if (groups.stream().noneMatch(ROLES::contains)) {
            throw new Refused("Emergency access is for the clinical teams: nurses, care coordinators and pharmacists.");
        }
        String why = reason == null ? "" : reason.strip();
        if (why.length() < SHORTEST_REASON) {
            throw new Refused("Say why you need this patient's record (at least " + SHORTEST_REASON
                    + " characters): it is reviewed.");
        }
        if (why.length() > LONGEST_REASON) {
            throw new Refused("The reason is at most " + LONGEST_REASON + " characters.");
        }
        String number = mrn == null ? "" : mrn.strip();
        PatientSummary patient = (number.matches("[A-Za-z0-9\\-.]{1,64}")
                        ? patients.findByMrn(number)
                        : Optional.<PatientSummary>empty())
                .orElseThrow(() -> new Refused("No patient has the medical record number "
                        + (number.length() > 64 ? number.substring(0, 64) + "…" : number) + "."));
        Instant now = clock.instant();
        Instant ends = now.plus(lasts);
        return transactions.execute(tx -> grant(user, patient, why, address, now, ends));
    }

    private Grant grant(String user, PatientSummary patient, String why, String address, Instant now, Instant ends) {
        var key = new GeneratedKeyHolder();
        jdbc.update(
                connection -> {
                    var insert = connection.prepareStatement(
                            "insert into emergency_access (user_name, patient_id, reason, address, granted_at,"
                                    + " expires_at) values (?, ?, ?, ?, ?, ?)",
                            new String[] {"id"});
                    insert.setString(1, user);
                    insert.setString(2, patient.id());
                    insert.setString(3, cipher.seal(why, PhiCipher.EMERGENCY_REASON));
                    insert.setString(4, address);
                    insert.setTimestamp(5, Timestamp.from(now));
                    insert.setTimestamp(6, Timestamp.from(ends));
                    return insert;
                },
                key);
        long id = key.getKey().longValue();
        audit.emergencyAccess(user, address, patient.id(), id);
        if (notices.enabled()) {
            // the privacy office hears of it at once, after the grant commits
            outbox.enqueue(new EmergencyAccessOpened(id));
        }
        // a signal for the security team's monitoring: who and which patient, never why (the reason may hold PHI)
        log.warn("Emergency access {}: {} opened patient {} until {}", id, user, patient.id(), ends);
        return new Grant(id, user, patient.id(), why, address, now, ends);
    }

    @Override
    public Optional<PatientRecord> record(String patientId, String user, Collection<String> groups, String address) {
        if (groups.stream().noneMatch(ROLES::contains)) {
            return Optional.empty();
        }
        String[] instances = board.instancesOf(patientId);
        boolean inQueues = instances.length > 0
                && board.openQuery(user, groups).processInstanceIdIn(instances).count() > 0;
        Instant until = inQueues ? null : activeUntil(user, patientId).orElse(null);
        if (!inQueues && until == null) {
            return Optional.empty();
        }
        Optional<PatientSummary> patient = patients.find(patientId);
        if (patient.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> enrolment = board.latestEnrolment(patientId);
        if (until != null) {
            audit.viewedInEmergency(user, address, patientId, null, "patient page (emergency access)");
        } else {
            audit.viewed(user, address, patientId, null, "patient page");
        }
        return Optional.of(new PatientRecord(
                patientId,
                board.context(patient.get(), patientId, enrolment),
                (String) enrolment.get("program"),
                board.programDay(enrolment),
                board.clinical(patientId, enrolment, groups),
                board.conversation(patientId, null),
                board.openTasksOf(patientId, null),
                until));
    }

    /** The patients this user holds an emergency access to now: for the access rules of pages and FHIR. */
    Set<String> patientsOf(String user) {
        return Set.copyOf(jdbc.queryForList(
                "select distinct patient_id from emergency_access where user_name = ? and expires_at > ?",
                String.class,
                user,
                Timestamp.from(clock.instant())));
    }

    private Optional<Instant> activeUntil(String user, String patientId) {
        return jdbc
                .queryForList(
                        "select max(expires_at) from emergency_access where user_name = ? and patient_id = ?"
                                + " and expires_at > ?",
                        Timestamp.class,
                        user,
                        patientId,
                        Timestamp.from(clock.instant()))
                .stream()
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .map(Timestamp::toInstant);
    }

    @Override
    public List<Grant> reviewed(String auditor) {
        Instant since = clock.instant().minus(REVIEWED);
        List<Grant> grants = jdbc.query(
                "select id, user_name, patient_id, reason, address, granted_at, expires_at from emergency_access"
                        + " where granted_at >= ? order by granted_at desc fetch first 200 rows only",
                (rs, row) -> new Grant(
                        rs.getLong("id"),
                        rs.getString("user_name"),
                        rs.getString("patient_id"),
                        cipher.open(rs.getString("reason"), PhiCipher.EMERGENCY_REASON),
                        rs.getString("address"),
                        rs.getTimestamp("granted_at").toInstant(),
                        rs.getTimestamp("expires_at").toInstant()),
                Timestamp.from(since));
        audit.listed(auditor, grants.stream().map(Grant::patientId).toList(), "emergency access review");
        return grants;
    }
}
