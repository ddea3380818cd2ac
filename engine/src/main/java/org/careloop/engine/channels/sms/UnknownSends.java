package org.careloop.engine.channels.sms;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.careloop.engine.outbox.Outbox;
import org.careloop.engine.outreach.MessageLedger;
import org.careloop.engine.outreach.SendRequested;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Settles messages whose send got no answer ({@code UNKNOWN}): once any request still in flight must have landed,
 * the provider's own list of messages to that number says whether it took the message. Found: the message is
 * {@code SENT} under the provider's sid, and its receipts apply. Not found: the provider never had it, so it is
 * queued again as it was (Twilio lists a message as soon as it takes it). A provider that cannot be asked leaves the message for the next round. One node
 * settles a message: each is claimed with a conditional update.
 */
@Component
class UnknownSends {

    private static final Logger log = LoggerFactory.getLogger(UnknownSends.class);
    /** Longer than any send can take (connect plus read timeout), so nothing is still on its way. */
    static final Duration SETTLE_AFTER = Duration.ofMinutes(2);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final TwilioSmsClient client;
    private final MessageLedger ledger;
    private final SmsStatusHandler receipts;
    private final Outbox outbox;

    private final org.careloop.engine.crypto.PhiCipher cipher;

    UnknownSends(
            @Qualifier("engineJdbc") JdbcTemplate jdbc,
            @Qualifier("engineTransactions") TransactionTemplate transactions,
            Clock clock,
            TwilioSmsClient client,
            MessageLedger ledger,
            SmsStatusHandler receipts,
            Outbox outbox,
            org.careloop.engine.crypto.PhiCipher cipher) {
        this.cipher = cipher;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.client = client;
        this.ledger = ledger;
        this.receipts = receipts;
        this.outbox = outbox;
    }

    private record Unknown(String id, String to, String body, Instant created, Timestamp updated, boolean answer) {}

    @Scheduled(
            fixedDelayString = "${careloop.sms.settle-interval:60s}",
            initialDelayString = "${careloop.sms.settle-interval:60s}")
    void settleAll() {
        List<Unknown> waiting = jdbc.query(
                "select id, to_number, body, created_at, updated_at, in_response_to from outbound_message "
                        + "where status = 'UNKNOWN' and channel = 'sms' and updated_at < ? order by updated_at fetch first 50 rows only",
                (rs, i) -> new Unknown(
                        rs.getString(1),
                        cipher.open(rs.getString(2), org.careloop.engine.crypto.PhiCipher.OUTBOUND_TO),
                        cipher.open(rs.getString(3), org.careloop.engine.crypto.PhiCipher.OUTBOUND_BODY),
                        rs.getTimestamp(4).toInstant(),
                        rs.getTimestamp(5),
                        rs.getString(6) != null),
                Timestamp.from(clock.instant().minus(SETTLE_AFTER)));
        for (Unknown message : waiting) {
            try {
                settle(message);
            } catch (RuntimeException e) {
                log.warn(
                        "Message {} still unknown: the SMS provider could not be asked ({})",
                        message.id(),
                        e.getClass().getSimpleName());
            }
        }
    }

    private void settle(Unknown message) {
        Optional<TwilioSmsClient.Accepted> accepted = client.findAccepted(
                message.to(), message.body(), message.created().minus(Duration.ofMinutes(1)));
        Timestamp now = Timestamp.from(clock.instant());
        boolean settled = Boolean.TRUE.equals(transactions.execute(tx -> {
            if (accepted.isPresent()) {
                return jdbc.update(
                                "update outbound_message set status = 'SENT', provider_sid = ?, sent_at = coalesce(sent_at, ?), "
                                        + "status_detail = 'Confirmed by the provider after a send that got no answer', "
                                        + "updated_at = ? where id = ? and status = 'UNKNOWN' and updated_at = ?",
                                accepted.get().sid(),
                                now,
                                now,
                                message.id(),
                                message.updated())
                        == 1;
            }
            if (jdbc.update(
                            "update outbound_message set status = 'QUEUED', status_detail = 'Not received by the provider; "
                                    + "queued again', updated_at = ? where id = ? and status = 'UNKNOWN' and updated_at = ?",
                            now,
                            message.id(),
                            message.updated())
                    != 1) {
                return false;
            }
            outbox.enqueue(SendRequested.of(message.id(), cipher.index(message.to()), message.answer()));
            return true;
        }));
        if (!settled) {
            return; // another node settled it
        }
        if (accepted.isPresent()) {
            log.info(
                    "Message {} was taken by the SMS provider as {}; marked SENT",
                    message.id(),
                    accepted.get().sid());
            receipts.applyWaiting(accepted.get().sid());
            ledger.outboundChanged(message.id());
        } else {
            log.info("Message {} never reached the SMS provider; queued again", message.id());
        }
    }
}
