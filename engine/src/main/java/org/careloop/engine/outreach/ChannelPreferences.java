package org.careloop.engine.outreach;

import java.sql.Timestamp;
import java.time.Clock;
import org.careloop.engine.consent.ContactChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Where a patient asked CareLoop to send their care team's messages, beside the order of contacts their record gives:
 * today the web chat, chosen from the chat itself. Kept by patient ({@code contact_preference}), one row at most.
 */
@Component
public class ChannelPreferences {

    private static final Logger log = LoggerFactory.getLogger(ChannelPreferences.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;

    private final org.springframework.transaction.support.TransactionTemplate transactions;

    ChannelPreferences(
            @Qualifier("engineJdbc") JdbcTemplate jdbc,
            Clock clock,
            @Qualifier("engineTransactions") org.springframework.transaction.support.TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.transactions = transactions;
    }

    /** Whether the patient asked for their messages in the web chat. */
    public boolean prefersChat(String patientId) {
        return jdbc.queryForObject(
                        "select count(*) from contact_preference where patient_id = ? and channel = ?",
                        Integer.class,
                        patientId,
                        ContactChannel.CHAT.code())
                > 0;
    }

    /** The patient's choice: their messages in the web chat, or (false) as their record orders their contacts. */
    public void chooseChat(String patientId, boolean chat, String source) {
        transactions.executeWithoutResult(tx -> {
            jdbc.update("delete from contact_preference where patient_id = ?", patientId);
            if (chat) {
                jdbc.update(
                        "insert into contact_preference (patient_id, channel, chosen_at, source) values (?, ?, ?, ?)",
                        patientId,
                        ContactChannel.CHAT.code(),
                        Timestamp.from(clock.instant()),
                        source);
            }
        });
        log.info(
                "Patient {} chose {} for their messages ({})",
                patientId,
                chat ? "the web chat" : "their usual contacts",
                source);
    }
}
