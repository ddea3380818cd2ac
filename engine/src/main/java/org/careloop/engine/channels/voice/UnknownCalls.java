package org.careloop.engine.channels.voice;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.careloop.engine.channels.sms.TwilioSmsClient;
import org.careloop.engine.crypto.PhiCipher;
import org.careloop.engine.outbox.Outbox;
import org.careloop.engine.outreach.CallRequested;
import org.careloop.engine.outreach.MessageLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Settles automated calls whose placing got no answer ({@code UNKNOWN}: a node cut off mid-request, a read timeout),
 * once any request still in flight must have landed, by asking the provider for its calls to the number (Twilio's call
 * list). A call created after the message was queued whose sid no other message carries is this message's: it is
 * {@code SENT} under that sid, or {@code DELIVERED} / {@code UNDELIVERED} if the call has ended. None: the provider
 * never placed it, so it is queued again. A provider that cannot be asked leaves the message for the next round. One
 * node settles a message: each is claimed with a conditional update. A call the patient answers is settled sooner,
 * by {@link #confirmedByProvider}: the provider's request for its words names it.
 */
@Component
public class UnknownCalls {

    private static final Logger log = LoggerFactory.getLogger(UnknownCalls.class);
    /** Longer than placing a call can take (connect plus read timeout), so nothing is still on its way. */
    static final Duration SETTLE_AFTER = Duration.ofMinutes(2);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final TwilioSmsClient client;
    private final MessageLedger ledger;
    private final Outbox outbox;
    private final PhiCipher cipher;

    UnknownCalls(
            @Qualifier("engineJdbc") JdbcTemplate jdbc,
            @Qualifier("engineTransactions") TransactionTemplate transactions,
            Clock clock,
            TwilioSmsClient client,
            MessageLedger ledger,
            Outbox outbox,
            PhiCipher cipher) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
        this.client = client;
        this.ledger = ledger;
        this.outbox = outbox;
        this.cipher = cipher;
    }

    private record Unknown(String id, String to, Instant created, Timestamp updated) {}

    /**
     * The provider asking for a call's words proves it placed the call: a call whose placing got no answer (a node cut
     * off mid-request, {@code UNKNOWN}) is settled at once as sent under the provider's call sid.
     */
    void confirmedByProvider(String messageId, String callSid) {
        Timestamp now = Timestamp.from(clock.instant());
        try {
            if (jdbc.update(
                            "update outbound_message set status = 'SENT', provider_sid = ?, sent_at = coalesce(sent_at, ?), "
                                    + "status_detail = ?, updated_at = ? where id = ? and channel = 'voice' "
                                    + "and status = 'UNKNOWN' and provider_sid is null",
                            callSid,
                            now,
                            "Confirmed by the provider's call after a request that got no answer",
                            now,
                            messageId)
                    == 1) {
                ledger.outboundChanged(messageId);
                log.info(
                        "Call for message {} confirmed by the provider's request for its words; marked SENT",
                        messageId);
            }
        } catch (DuplicateKeyException otherMessage) {
            log.warn("Call {} is already recorded for another message; message {} left as it is", callSid, messageId);
        }
    }

    /** Settles up to 50 calls left unknown for longer than {@link #SETTLE_AFTER}; returns how many it settled. */
    @Scheduled(
            fixedDelayString = "${careloop.sms.settle-interval:60s}",
            initialDelayString = "${careloop.sms.settle-interval:60s}")
    public int settleAll() {
        List<Unknown> waiting = jdbc.query(
                "select id, to_number, created_at, updated_at from outbound_message where status = 'UNKNOWN' "
                        + "and channel = 'voice' and updated_at < ? order by updated_at fetch first 50 rows only",
                (rs, i) -> new Unknown(
                        rs.getString(1),
                        cipher.open(rs.getString(2), PhiCipher.OUTBOUND_TO),
                        rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4)),
                Timestamp.from(clock.instant().minus(SETTLE_AFTER)));
        int settled = 0;
        for (Unknown call : waiting) {
            try {
                settled += settle(call) ? 1 : 0;
            } catch (RuntimeException e) {
                log.warn(
                        "Call for message {} still unknown: the voice provider could not be asked ({})",
                        call.id(),
                        e.getClass().getSimpleName());
            }
        }
        return settled;
    }

    private boolean settle(Unknown message) {
        Instant since = message.created().minus(Duration.ofMinutes(1));
        Optional<TwilioSmsClient.ListedCall> placed = client.findCalls(message.to(), since).stream()
                .filter(c -> !c.created().isBefore(since))
                .sorted(Comparator.comparing(TwilioSmsClient.ListedCall::created))
                .filter(c -> jdbc.queryForObject(
                                "select count(*) from outbound_message where provider_sid = ?", Integer.class, c.sid())
                        == 0)
                .findFirst();
        Timestamp now = Timestamp.from(clock.instant());
        boolean settled;
        try {
            settled = Boolean.TRUE.equals(transactions.execute(tx -> {
                if (placed.isPresent()) {
                    Optional<CallEnd> end = CallEnd.of(placed.get().status());
                    return jdbc.update(
                                    "update outbound_message set status = ?, provider_sid = ?, sent_at = coalesce(sent_at, ?), "
                                            + "status_detail = ?, updated_at = ? where id = ? and status = 'UNKNOWN' "
                                            + "and updated_at = ?",
                                    end.map(CallEnd::status).orElse("SENT"),
                                    placed.get().sid(),
                                    now,
                                    end.map(CallEnd::detail)
                                            .orElse(
                                                    "Confirmed by the provider after a call request that got no answer"),
                                    now,
                                    message.id(),
                                    message.updated())
                            == 1;
                }
                if (jdbc.update(
                                "update outbound_message set status = 'QUEUED', status_detail = 'Not placed by the "
                                        + "provider; queued again', updated_at = ? where id = ? and status = 'UNKNOWN' "
                                        + "and updated_at = ?",
                                now,
                                message.id(),
                                message.updated())
                        != 1) {
                    return false;
                }
                outbox.enqueue(new CallRequested(message.id(), cipher.index(message.to())));
                return true;
            }));
        } catch (DuplicateKeyException sidTakenMeanwhile) {
            return false; // another message was settled with that call first: the next round looks again
        }
        if (!settled) {
            return false; // another node settled it
        }
        ledger.outboundChanged(message.id());
        if (placed.isPresent()) {
            log.info(
                    "Call for message {} was placed by the provider as {}",
                    message.id(),
                    placed.get().sid());
        } else {
            log.info("Call for message {} never reached the voice provider; queued again", message.id());
        }
        return true;
    }
}
