package org.careloop.engine.deployment;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.careloop.rules.decisions.InvalidDecisionModel;
import org.careloop.rules.decisions.LiveModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Deploys decision models (DMN tables and DRL rule sets) while CareLoop runs. A model is checked in full (it parses,
 * compiles, is the decision it claims to be, passes the rule set's deployment gate) before it is stored as the
 * decision's next version, with who deployed it; then it takes
 * the decision's place on this node at once, and on every other node at its next check. Decisions already taken
 * stay as they were: the new version decides only what comes after it.
 */
@Service
public class DecisionDeployments {

    private static final Logger log = LoggerFactory.getLogger(DecisionDeployments.class);

    /** A stored version of a decision. */
    public record Version(String decisionId, int version, String deployedBy, java.time.Instant deployedAt) {}

    private final Map<String, LiveModel> decisions;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Map<String, Integer> inUse = new ConcurrentHashMap<>();
    /** Stored versions this node could not take, so that each is tried once. */
    private final java.util.Set<String> refused = ConcurrentHashMap.newKeySet();

    DecisionDeployments(List<LiveModel> decisions, @Qualifier("engineJdbc") JdbcTemplate jdbc, Clock clock) {
        this.decisions = decisions.stream().collect(Collectors.toMap(LiveModel::decisionId, Function.identity()));
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * @return the version now deciding
     * @throws InvalidDecisionModel when the model cannot take the decision's place (nothing changes then)
     * @throws IllegalArgumentException when no such decision exists
     */
    public int deploy(String decisionId, String source, String user) {
        LiveModel decision = decision(decisionId);
        decision.check(source);
        // the same model again (a folder watched by several nodes, a repeated upload) is not a new version
        List<Integer> same = jdbc.queryForList(
                "select version from decision_deployment where decision_id = ? and version = "
                        + "(select max(version) from decision_deployment where decision_id = ?) and model_xml = ?",
                Integer.class,
                decisionId,
                decisionId,
                source);
        if (!same.isEmpty()) {
            refresh();
            return same.get(0);
        }
        int version;
        while (true) {
            int next = jdbc.queryForObject(
                            "select coalesce(max(version), 0) from decision_deployment where decision_id = ?",
                            Integer.class,
                            decisionId)
                    + 1;
            try {
                jdbc.update(
                        "insert into decision_deployment (decision_id, version, model_xml, deployed_by, deployed_at) "
                                + "values (?, ?, ?, ?, ?)",
                        decisionId,
                        next,
                        source,
                        user,
                        Timestamp.from(clock.instant()));
                version = next;
                break;
            } catch (DuplicateKeyException concurrentDeployment) {
                // another deployment took that number: take the next
            }
        }
        refresh();
        log.info("Decision {} version {} deployed by {}", decisionId, version, user);
        return version;
    }

    public List<Version> versions() {
        return jdbc.query(
                "select decision_id, version, deployed_by, deployed_at from decision_deployment "
                        + "order by decision_id, version",
                (rs, i) -> new Version(
                        rs.getString("decision_id"),
                        rs.getInt("version"),
                        rs.getString("deployed_by"),
                        rs.getTimestamp("deployed_at").toInstant()));
    }

    /** The decisions that can be deployed, by id. */
    public java.util.Set<String> decisionIds() {
        return decisions.keySet();
    }

    /** {@code DMN} or {@code DRL}: the kind of file that deploys a decision. */
    public String kind(String decisionId) {
        return decision(decisionId).kind();
    }

    /** The version deciding on this node (0: the model CareLoop was built with). */
    public int versionInUse(String decisionId) {
        decision(decisionId);
        return inUse.getOrDefault(decisionId, 0);
    }

    /** Takes the newest deployed version of every decision, at start and at every check. */
    @EventListener(ApplicationReadyEvent.class)
    @Scheduled(
            fixedDelayString = "${careloop.decisions.check-interval:PT30S}",
            initialDelayString = "${careloop.decisions.check-interval:PT30S}")
    public void refresh() {
        jdbc.query(
                        "select d.decision_id, d.version, d.model_xml from decision_deployment d where d.version = "
                                + "(select max(n.version) from decision_deployment n where n.decision_id = d.decision_id)",
                        (rs, i) -> Map.entry(
                                rs.getString("decision_id"),
                                Map.entry(rs.getInt("version"), rs.getString("model_xml"))))
                .forEach(latest -> {
                    String id = latest.getKey();
                    int version = latest.getValue().getKey();
                    LiveModel decision = decisions.get(id);
                    if (decision == null || inUse.getOrDefault(id, 0) >= version) {
                        return;
                    }
                    synchronized (decision) {
                        if (inUse.getOrDefault(id, 0) < version && refused.add(id + "@" + version)) {
                            try {
                                decision.replace(latest.getValue().getValue());
                                refused.remove(id + "@" + version);
                                inUse.put(id, version);
                                log.info("Decision {} now decides with version {}", id, version);
                            } catch (InvalidDecisionModel invalid) {
                                // stored by a node whose checks it passed; this node keeps what it runs
                                log.warn(
                                        "Decision {} version {} refused on this node: {}",
                                        id,
                                        version,
                                        invalid.problems().get(0));
                            }
                        }
                    }
                });
    }

    private LiveModel decision(String decisionId) {
        LiveModel decision = decisions.get(decisionId);
        if (decision == null) {
            throw new IllegalArgumentException("No decision '" + decisionId + "'; known: " + decisions.keySet());
        }
        return decision;
    }
}
