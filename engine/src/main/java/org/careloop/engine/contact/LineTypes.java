package org.careloop.engine.contact;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * What a carrier lookup said about a number, kept for a while ({@code careloop.lookup.fresh-for}, 30 days by default)
 * so that one number is looked up once, not once a message: whether it is valid, and its line type and status.
 */
@Service
public class LineTypes {

    /**
     * @param type   the line type as the lookup names it: mobile, landline, fixedVoip, nonFixedVoip, tollFree, …
     * @param status the line's status: active, inactive, unreachable, unknown; or null when not asked
     */
    public record Line(boolean valid, String type, String status) {

        /** Not a number in service: nothing can reach it. */
        public boolean disconnected() {
            return !valid || "inactive".equals(status);
        }

        /** A landline: it takes calls, not texts. */
        public boolean landline() {
            return "landline".equals(type);
        }
    }

    private final JdbcTemplate jdbc;
    private final org.careloop.engine.crypto.PhiCipher cipher;
    private final Clock clock;
    private final Duration freshFor;

    public LineTypes(
            @Qualifier("engineJdbc") JdbcTemplate jdbc,
            org.careloop.engine.crypto.PhiCipher cipher,
            Clock clock,
            org.careloop.engine.config.LookupProperties lookup) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
        this.freshFor = lookup.freshFor();
    }

    /** What a lookup said about the number within the freshness period, if one did. */
    public Optional<Line> known(String number) {
        if (number == null) {
            return Optional.empty();
        }
        List<Line> lines = jdbc.query(
                "select valid, line_type, line_status from number_lookup where number_index = ? and looked_up_at > ?",
                (rs, i) -> new Line(rs.getBoolean("valid"), rs.getString("line_type"), rs.getString("line_status")),
                cipher.index(number),
                Timestamp.from(clock.instant().minus(freshFor)));
        return lines.stream().findFirst();
    }

    /** Whether a lookup found the number to be a landline (within the freshness period). */
    public boolean isLandline(String number) {
        return known(number).map(Line::landline).orElse(false);
    }

    /** Keeps what a lookup said (its own statement: call it outside a transaction that may roll back). */
    public void record(String number, Line line) {
        Timestamp now = Timestamp.from(clock.instant());
        Object[] values = {line.valid(), line.type(), line.status(), now, cipher.index(number)};
        if (jdbc.update(
                        "update number_lookup set valid = ?, line_type = ?, line_status = ?, looked_up_at = ? "
                                + "where number_index = ?",
                        values)
                == 0) {
            try {
                jdbc.update(
                        "insert into number_lookup (valid, line_type, line_status, looked_up_at, number_index) "
                                + "values (?, ?, ?, ?, ?)",
                        values);
            } catch (DuplicateKeyException anotherNode) {
                // another node looked it up at the same moment: its answer stands
            }
        }
    }
}
