package org.careloop.engine.outreach;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The template versions that clinical reviewers approved after the release ({@code message_template_version}), as
 * the senders read them: a small map of every approved text, read again from the database at most every ten seconds
 * (so an approval on one node reaches every node within that) and at once on the node that approved it.
 */
@Component
public class ApprovedTemplates {

    static final Duration FRESH_FOR = Duration.ofSeconds(10);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private volatile Snapshot snapshot = new Snapshot(Map.of(), Instant.MIN);

    private record Snapshot(Map<String, String> texts, Instant readAt) {}

    ApprovedTemplates(@Qualifier("engineJdbc") JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    static String key(String department, String language, String templateId) {
        return (department == null ? "" : department) + "/" + language + "/" + templateId;
    }

    /**
     * The approved text of a template in one language for one department ({@code ""}: every department), or null
     * when no reviewer approved one after the release.
     */
    public String text(String department, String language, String templateId) {
        Snapshot current = snapshot;
        Instant now = clock.instant();
        if (current.readAt().plus(FRESH_FOR).isBefore(now)) {
            current = read(now);
        }
        return current.texts().get(key(department, language, templateId));
    }

    /** Reads the approved versions again now (after an approval or a retirement on this node). */
    public void changed() {
        read(clock.instant());
    }

    private Snapshot read(Instant now) {
        Map<String, String> texts = new HashMap<>();
        jdbc.query(
                "select template_id, language, department, body from message_template_version where status = 'APPROVED'",
                rs -> {
                    texts.put(
                            key(rs.getString("department"), rs.getString("language"), rs.getString("template_id")),
                            rs.getString("body"));
                });
        Snapshot fresh = new Snapshot(Map.copyOf(texts), now);
        snapshot = fresh;
        return fresh;
    }
}
