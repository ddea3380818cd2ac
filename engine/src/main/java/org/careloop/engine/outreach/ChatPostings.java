package org.careloop.engine.outreach;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import org.careloop.engine.outbox.OutboxHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Shows a program's message in the patient's web chat when it is due (after quiet hours and caps, like any message),
 * and tells the patient by their usual channel that a message waits, with a signed link to the chat and nothing of
 * the message itself ({@code chat-notice}). The message is read when the patient opens the chat.
 */
@Component
class ChatPostings implements OutboxHandler<ChatPosted> {

    static final String NOTICE = "chat-notice";
    private static final Logger log = LoggerFactory.getLogger(ChatPostings.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final MessageLedger ledger;
    private final OutreachService outreach;
    private final Clock clock;

    ChatPostings(
            @Qualifier("engineJdbc") JdbcTemplate jdbc,
            @Qualifier("engineTransactions") TransactionTemplate transactions,
            MessageLedger ledger,
            OutreachService outreach,
            Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.ledger = ledger;
        this.outreach = outreach;
        this.clock = clock;
    }

    @Override
    public Class<ChatPosted> eventType() {
        return ChatPosted.class;
    }

    @Override
    public void handle(ChatPosted event) {
        transactions.executeWithoutResult(tx -> {
            Timestamp now = Timestamp.from(clock.instant());
            if (jdbc.update(
                            "update outbound_message set status = 'SENT', sent_at = ?, updated_at = ? "
                                    + "where id = ? and status = 'QUEUED'",
                            now,
                            now,
                            event.messageId())
                    == 0) {
                return; // shown already, or withdrawn
            }
            ledger.outboundChanged(event.messageId());
            Map<String, Object> row = jdbc.queryForMap(
                    "select patient_id, enrolment_id, process_instance_id from outbound_message where id = ?",
                    event.messageId());
            // the notice is part of the message: no program of its own, so no second count against the caps
            OutreachService.Result notice = outreach.send(new OutreachRequest(
                    (String) row.get("patient_id"),
                    NOTICE,
                    null,
                    (String) row.get("enrolment_id"),
                    null,
                    (String) row.get("process_instance_id"),
                    null));
            log.info("Message {} shown in the web chat; the patient's notice: {}", event.messageId(), notice);
        });
    }
}
