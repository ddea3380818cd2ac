package org.careloop.engine.caregaps;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.careloop.engine.fhir.PatientDirectory;
import org.careloop.engine.fhir.PatientSummary;
import org.careloop.engine.handoff.OpenHandoffs;
import org.careloop.processes.ProcessVariables;
import org.careloop.rules.caregap.CareGapDue;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Patient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The population sweep for preventive care gaps. It pages through the patients (never the whole population at
 * once), fetches each page's facts in a few batched searches, asks the DMN {@code care-gap-due} for every patient
 * and gap, invites patients to close new gaps (never twice for one gap within the cool-down), and closes the open
 * gaps whose qualifying care has been recorded. It runs on a schedule, on demand through the API, and for one
 * patient when care is recorded for them.
 */
@Service
public class CareGaps {

    private static final Logger log = LoggerFactory.getLogger(CareGaps.class);
    static final String PROGRAM = "care-gap";
    static final String PROCESS_KEY = "program-care-gap";

    /** What one sweep did. */
    public record Sweep(int patients, int invited, int closed) {}

    private final DaoRegistry daos;
    private final CareGapFacts facts;
    private final CareGapDue due;
    private final PatientDirectory patients;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final RuntimeService runtime;
    private final OpenHandoffs openHandoffs;
    private final CareGapProperties properties;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean();

    CareGaps(
            DaoRegistry daos,
            CareGapFacts facts,
            CareGapDue due,
            PatientDirectory patients,
            @Qualifier("engineJdbc") JdbcTemplate jdbc,
            @Qualifier("engineTransactions") TransactionTemplate transactions,
            RuntimeService runtime,
            OpenHandoffs openHandoffs,
            CareGapProperties properties,
            Clock clock) {
        this.daos = daos;
        this.facts = facts;
        this.due = due;
        this.patients = patients;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.runtime = runtime;
        this.openHandoffs = openHandoffs;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${careloop.care-gaps.sweep-interval:P1D}",
            initialDelayString = "${careloop.care-gaps.first-sweep:${careloop.care-gaps.sweep-interval:P1D}}")
    void scheduled() {
        sweepAll();
    }

    /**
     * Starts a sweep of every patient in the background.
     *
     * @return false when a sweep is already running on this node
     */
    public boolean startSweep() {
        if (running.get()) {
            return false;
        }
        Thread sweeper = new Thread(this::sweepAll, "care-gap-sweep");
        sweeper.setDaemon(true);
        sweeper.start();
        return true;
    }

    /** Sweeps every patient; returns null when a sweep is already running on this node. */
    public Sweep sweepAll() {
        return sweep(new SearchParameterMap(), properties.pageSize());
    }

    /** Sweeps the patients a search finds, a page at a time. */
    public Sweep sweep(SearchParameterMap patientSearch, int pageSize) {
        if (!running.compareAndSet(false, true)) {
            return null;
        }
        try {
            IBundleProvider found =
                    daos.getResourceDao(Patient.class).search(patientSearch, new SystemRequestDetails());
            int seen = 0;
            int invited = 0;
            int closed = 0;
            for (int from = 0; ; from += pageSize) {
                List<IBaseResource> page = found.getResources(from, from + pageSize);
                if (page.isEmpty()) {
                    break;
                }
                Sweep one = page(page.stream().map(Patient.class::cast).toList());
                seen += one.patients();
                invited += one.invited();
                closed += one.closed();
                if (page.size() < pageSize) {
                    break;
                }
            }
            log.info("Care-gap sweep: {} patients, {} invited, {} gaps closed", seen, invited, closed);
            return new Sweep(seen, invited, closed);
        } finally {
            running.set(false);
        }
    }

    /** Re-decides one patient's gaps (care was recorded for them). */
    public Sweep sweepPatient(String patientId) {
        return patients.record(patientId).map(p -> page(List.of(p))).orElse(new Sweep(0, 0, 0));
    }

    private Sweep page(List<Patient> page) {
        CareGapFacts.Page known =
                facts.of(page.stream().map(p -> p.getIdElement().getIdPart()).toList());
        Instant now = clock.instant();
        LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate seasonStart = LocalDate.of(today.getMonthValue() >= 8 ? today.getYear() : today.getYear() - 1, 8, 1);
        long seasonMonths = ChronoUnit.MONTHS.between(seasonStart, today);
        int invited = 0;
        int closed = 0;
        java.util.Set<String> busy =
                busy(page.stream().map(p -> p.getIdElement().getIdPart()).toList());
        for (Patient patient : page) {
            String patientId = patient.getIdElement().getIdPart();
            PatientSummary summary = patients.summarise(patient);
            if (summary.deceased()) {
                continue;
            }
            for (String gap : CareGapDue.GAPS) {
                Instant last = known.latest(patientId, gap);
                CareGapDue.Verdict verdict = due.decide(new CareGapDue.Facts(
                        gap,
                        patient.getGender() == Enumerations.AdministrativeGender.FEMALE
                                ? "female"
                                : patient.getGender() == Enumerations.AdministrativeGender.MALE ? "male" : "other",
                        summary.ageOn(today),
                        known.diabetic().contains(patientId),
                        last == null
                                ? null
                                : ChronoUnit.MONTHS.between(
                                        last.atZone(ZoneOffset.UTC).toLocalDate(), today),
                        today.getMonthValue(),
                        seasonMonths));
                if (verdict.due()
                        && summary.mobile() != null
                        && !busy.contains(patientId)
                        && invite(patientId, gap, verdict.reason(), now)) {
                    invited++;
                } else if (!verdict.due() && close(patientId, gap)) {
                    closed++;
                }
            }
        }
        return new Sweep(page.size(), invited, closed);
    }

    /**
     * The patients of a page who are in another program now (a follow-up after a stay, chronic check-ins, an
     * appointment's reminders): an invitation waits for a sweep after it ends, so that a patient holds one
     * conversation at a time and a reply reaches the program it answers. Two index lookups per page.
     */
    private java.util.Set<String> busy(List<String> patientIds) {
        if (patientIds.isEmpty()) {
            return java.util.Set.of();
        }
        String in = String.join(",", java.util.Collections.nCopies(patientIds.size(), "?"));
        java.util.Set<String> busy = new java.util.HashSet<>(jdbc.queryForList(
                "select active_patient_id from enrolment where active_patient_id in (" + in + ")",
                String.class,
                patientIds.toArray()));
        busy.addAll(jdbc.queryForList(
                "select patient_id from appointment_reminder where ended_at is null and patient_id in (" + in + ")",
                String.class,
                patientIds.toArray()));
        return busy;
    }

    /** Invites the patient to close a gap unless it is open already or was raised within the cool-down. */
    private boolean invite(String patientId, String gap, String reason, Instant now) {
        return Boolean.TRUE.equals(transactions.execute(tx -> {
            List<Map<String, Object>> rows = jdbc.queryForList(
                    "select status, last_invited_at from care_gap where patient_id = ? and gap = ? for update",
                    patientId,
                    gap);
            if (!rows.isEmpty()) {
                Map<String, Object> row = rows.get(0);
                Instant lastInvited = ((Timestamp) row.get("last_invited_at")).toInstant();
                if ("OPEN".equals(row.get("status"))
                        || lastInvited.plus(properties.coolDown()).isAfter(now)) {
                    return false;
                }
                jdbc.update(
                        "update care_gap set status = 'OPEN', reason = ?, opened_at = ?, last_invited_at = ?, "
                                + "closed_at = null, outcome = null where patient_id = ? and gap = ?",
                        reason,
                        Timestamp.from(now),
                        Timestamp.from(now),
                        patientId,
                        gap);
            } else {
                jdbc.update(
                        "insert into care_gap (patient_id, gap, status, reason, opened_at, last_invited_at) "
                                + "values (?, ?, 'OPEN', ?, ?, ?)",
                        patientId,
                        gap,
                        reason,
                        Timestamp.from(now),
                        Timestamp.from(now));
            }
            String instance = runtime.startProcessInstanceByKey(
                            PROCESS_KEY,
                            PROGRAM + ":" + patientId + ":" + gap,
                            Variables.createVariables()
                                    .putValue(ProcessVariables.PATIENT_ID, patientId)
                                    .putValue(ProcessVariables.PROGRAM, PROGRAM)
                                    .putValue(ProcessVariables.CARE_GAP, gap)
                                    .putValue(ProcessVariables.INVITE_TEMPLATE, "care-gap-" + gap))
                    .getId();
            jdbc.update(
                    "update care_gap set process_instance_id = ? where patient_id = ? and gap = ?",
                    instance,
                    patientId,
                    gap);
            return true;
        }));
    }

    /** Closes an open gap whose care was recorded: the process ends with outcome closed. */
    private boolean close(String patientId, String gap) {
        return Boolean.TRUE.equals(transactions.execute(tx -> {
            List<String> open = jdbc.queryForList(
                    "select process_instance_id from care_gap where patient_id = ? and gap = ? and status = 'OPEN'",
                    String.class,
                    patientId,
                    gap);
            if (open.isEmpty() || open.get(0) == null) {
                return false;
            }
            String instance = open.get(0);
            if (runtime.createEventSubscriptionQuery()
                            .processInstanceId(instance)
                            .eventName("GapClosed")
                            .count()
                    == 0) {
                return false;
            }
            openHandoffs.carryOver(instance, "The care gap was closed");
            runtime.createMessageCorrelation("GapClosed")
                    .processInstanceId(instance)
                    .correlate();
            return true;
        }));
    }
}
