package db.migration;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Outbox events get a lane and an ordering key, and every payload becomes JSON. Events still waiting when a node is
 * upgraded are rewritten in place, so none is lost or misread.
 */
public class V4__typed_outbox_events extends BaseJavaMigration {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> LANES = Map.of(
            "reply-received",
            "REPLIES",
            "sms-status",
            "STATUS",
            "sms-send",
            "SENDS",
            "encounter-written",
            "ENROLMENT",
            "message-record-outbound",
            "RECORDS",
            "reply-record-only",
            "RECORDS",
            "handoff-changed",
            "RECORDS",
            "ai-summary",
            "AI");
    private static final Map<String, String> ID_FIELDS = Map.of(
            "reply-received",
            "inboundId",
            "sms-send",
            "messageId",
            "encounter-written",
            "encounterId",
            "message-record-outbound",
            "messageId",
            "reply-record-only",
            "inboundId",
            "ai-summary",
            "taskId");

    @Override
    public void migrate(Context context) throws Exception {
        Connection db = context.getConnection();
        try (Statement ddl = db.createStatement()) {
            ddl.execute("alter table outbox_event add column lane varchar(16)");
            ddl.execute("alter table outbox_event add column ordering_key varchar(64)");
        }
        try (Statement rows = db.createStatement();
                ResultSet events = rows.executeQuery("select id, kind, payload from outbox_event");
                PreparedStatement rewrite = db.prepareStatement(
                        "update outbox_event set lane = ?, payload = ?, ordering_key = ? where id = ?")) {
            while (events.next()) {
                String kind = events.getString(2);
                String payload = events.getString(3);
                String key = null;
                if (ID_FIELDS.containsKey(kind)) {
                    payload = JSON.writeValueAsString(Map.of(ID_FIELDS.get(kind), payload));
                } else if ("sms-status".equals(kind)) {
                    String[] parts = payload.split(" ", -1);
                    key = parts[0];
                    Map<String, String> receipt = new LinkedHashMap<>();
                    receipt.put("sid", parts[0]);
                    receipt.put("status", parts.length > 1 ? parts[1] : "");
                    receipt.put("errorCode", parts.length > 2 && !parts[2].isBlank() ? parts[2] : null);
                    payload = JSON.writeValueAsString(receipt);
                } else if ("handoff-changed".equals(kind)) {
                    payload = "{\"snapshot\":" + payload + "}"; // already JSON
                }
                rewrite.setString(1, LANES.getOrDefault(kind, "RECORDS"));
                rewrite.setString(2, payload);
                rewrite.setString(3, key);
                rewrite.setLong(4, events.getLong(1));
                rewrite.addBatch();
            }
            rewrite.executeBatch();
        }
        try (Statement ddl = db.createStatement()) {
            ddl.execute("alter table outbox_event alter column lane set not null");
            ddl.execute("drop index ix_outbox_event_due");
            // a lane's claim walks its pending events in id order; the sweep finds expired claims and old DONE events
            ddl.execute("create index ix_outbox_event_lane on outbox_event (lane, status, id)");
            ddl.execute("create index ix_outbox_event_due on outbox_event (status, next_attempt_at)");
            ddl.execute("create index ix_outbox_event_ordering on outbox_event (ordering_key, status)");
        }
    }
}
