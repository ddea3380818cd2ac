package org.careloop.engine.programs;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.careloop.engine.outbox.Outbox;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Encounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finds finished inpatient stays whose enrolment trigger was lost (a node died between the FHIR commit and the
 * outbox) and hands them to the enrolment decision. Pages through the stays written in the look-back window, a
 * page at a time, and asks the database once per page which of them were decided and which still wait for their
 * decision in the outbox (a backlog, not a loss). Safe on several nodes: a stay the sweep hands over is decided only
 * if nobody decided it meanwhile.
 */
@Component
public class DischargeSweep {

    private static final Logger log = LoggerFactory.getLogger(DischargeSweep.class);
    private static final int PAGE = 200;

    private final DaoRegistry daos;
    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Outbox outbox;
    private final ProgramProperties programs;
    private final Clock clock;

    DischargeSweep(
            DaoRegistry daos,
            @Qualifier("engineJdbc") JdbcTemplate jdbc,
            @Qualifier("engineTransactions") TransactionTemplate transactions,
            Outbox outbox,
            ProgramProperties programs,
            Clock clock) {
        this.daos = daos;
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
        this.transactions = transactions;
        this.outbox = outbox;
        this.programs = programs;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${careloop.programs.sweep-interval:PT10M}",
            initialDelayString = "${careloop.programs.sweep-interval:PT10M}")
    void scheduled() {
        sweep();
    }

    /** @return how many missed stays were handed to the enrolment decision */
    public int sweep() {
        Instant now = clock.instant();
        SearchParameterMap stays = new SearchParameterMap();
        stays.add(Encounter.SP_CLASS, new TokenParam("IMP"));
        stays.add(Encounter.SP_STATUS, new TokenParam("finished"));
        stays.setLastUpdated(new DateRangeParam(
                Date.from(now.minus(programs.sweepLookBack())), Date.from(now.minus(programs.sweepSettle()))));
        IBundleProvider found = daos.getResourceDao(Encounter.class).search(stays, new SystemRequestDetails());
        int handed = 0;
        for (int from = 0; ; from += PAGE) {
            List<IBaseResource> page = found.getResources(from, from + PAGE);
            if (page.isEmpty()) {
                break;
            }
            List<Encounter> encounters = page.stream()
                    .map(Encounter.class::cast)
                    .filter(e -> e.getSubject().hasReferenceElement())
                    .toList();
            Set<String> ids =
                    encounters.stream().map(e -> e.getIdElement().getIdPart()).collect(Collectors.toSet());
            if (ids.isEmpty()) {
                continue;
            }
            Set<String> decided = Set.copyOf(jdbc.queryForList(
                    "select distinct encounter_id from enrolment_decision where encounter_id in (:ids)",
                    new MapSqlParameterSource("ids", ids),
                    String.class));
            List<EncounterWritten> undecided = encounters.stream()
                    .filter(e -> !decided.contains(e.getIdElement().getIdPart()))
                    .map(e -> new EncounterWritten(
                            e.getIdElement().getIdPart(),
                            e.getSubject().getReferenceElement().getIdPart(),
                            true))
                    .toList();
            // a stay whose trigger still waits in the outbox (a backlog of discharges) is not lost
            Set<String> waiting = outbox
                    .waiting(
                            EncounterWritten.class,
                            undecided.stream()
                                    .map(EncounterWritten::orderingKey)
                                    .filter(java.util.Objects::nonNull)
                                    .collect(Collectors.toSet()))
                    .stream()
                    .map(EncounterWritten::encounterId)
                    .collect(Collectors.toSet());
            List<EncounterWritten> missed = undecided.stream()
                    .filter(e -> !waiting.contains(e.encounterId()))
                    .toList();
            if (!missed.isEmpty()) {
                transactions.executeWithoutResult(tx -> missed.forEach(outbox::enqueue));
                handed += missed.size();
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        if (handed > 0) {
            log.warn("Reconciliation: {} finished stays had no enrolment decision; handed to the decision", handed);
        }
        return handed;
    }
}
