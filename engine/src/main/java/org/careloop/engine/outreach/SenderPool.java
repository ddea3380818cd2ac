package org.careloop.engine.outreach;

import java.util.List;
import org.careloop.engine.departments.Department;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which of its department's numbers a patient's text comes from. A carrier takes about one message a second from a
 * long code, so a department sends a campaign from a pool of numbers ({@code careloop.departments.list.<id>.senders}),
 * each within its own rate ({@code careloop.sms.rate-per-sender}). A patient keeps the number they last heard from
 * while it is in the pool, so the conversation stays in one thread on their phone and their replies and STOP reach
 * the number they know; a new patient (or one whose number left the pool) gets one by a hash of their id, which
 * spreads patients evenly and needs no shared counter between nodes.
 */
@Component
public class SenderPool {

    private final JdbcTemplate jdbc;

    SenderPool(@org.springframework.beans.factory.annotation.Qualifier("engineJdbc") JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The number to text the patient from, or null for the provider's default ({@code careloop.sms.twilio.from}). */
    public String senderFor(Department department, String patientId) {
        List<String> pool = department.senders();
        if (pool.isEmpty()) {
            return null;
        }
        if (pool.size() == 1 || patientId == null) {
            return pool.get(0);
        }
        // by the index on (patient_id, created_at)
        List<String> last = jdbc.queryForList(
                "select from_number from outbound_message where patient_id = ? and channel = 'sms' "
                        + "and from_number is not null order by created_at desc fetch first 1 rows only",
                String.class,
                patientId);
        if (!last.isEmpty() && pool.contains(last.get(0))) {
            return last.get(0);
        }
        return pool.get(Math.floorMod(patientId.hashCode(), pool.size()));
    }
}
