package org.careloop.engine.channels.sms;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.careloop.engine.conversation.MessageLedger;
import org.careloop.engine.outbox.OutboxHandler;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Applies a provider's delivery receipt to the message and its FHIR Communication. */
@Component
class SmsStatusHandler implements OutboxHandler {

    static final String KIND = "sms-status";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final MessageLedger ledger;

    SmsStatusHandler(@Qualifier("engineJdbc") JdbcTemplate jdbc, Clock clock, MessageLedger ledger) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.ledger = ledger;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void handle(String payload) {
        String[] parts = payload.split(" ", -1);
        String sid = parts[0];
        String status = switch (parts[1]) {
            case "delivered", "read" -> "DELIVERED";
            case "failed" -> "FAILED";
            case "undelivered" -> "UNDELIVERED";
            default -> null; // queued, sending, sent: nothing new
        };
        List<String> ids = jdbc.queryForList("select id from outbound_message where provider_sid = ?", String.class, sid);
        if (ids.isEmpty()) {
            throw new IllegalStateException("No message with provider id " + sid + " yet");
        }
        if (status != null) {
            String detail = parts.length > 2 && !parts[2].isBlank() ? "Provider error " + parts[2] : null;
            jdbc.update("update outbound_message set status = ?, status_detail = coalesce(?, status_detail), updated_at = ? "
                    + "where id = ? and status in ('SENT', 'UNKNOWN', 'SENDING')", status, detail,
                    Timestamp.from(clock.instant()), ids.get(0));
            ledger.recordOutbound(ids.get(0));
        }
    }
}
