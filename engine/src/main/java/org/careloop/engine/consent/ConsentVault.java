package org.careloop.engine.consent;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.careloop.engine.crypto.PhiCipher;
import org.careloop.engine.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Every patient's permission to be contacted, per channel and purpose, with the evidence of each grant and
 * revocation. The latest record that covers a channel and a purpose decides; with none, a purpose the patient's
 * treatment implies (care, appointments) is permitted and any other is not. A revocation takes effect in the
 * transaction that records it: what is queued on the revoked channels is withdrawn by the listeners of {@link
 * ConsentRevoked}; the FHIR {@code Consent} resources follow after the commit.
 */
@Service
public class ConsentVault {

    private static final Logger log = LoggerFactory.getLogger(ConsentVault.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Outbox outbox;
    private final ConsentProperties properties;
    private final ApplicationEventPublisher events;
    private final org.careloop.engine.crypto.PhiCipher cipher;

    ConsentVault(
            @Qualifier("engineJdbc") JdbcTemplate jdbc,
            Clock clock,
            Outbox outbox,
            ConsentProperties properties,
            ApplicationEventPublisher events,
            org.careloop.engine.crypto.PhiCipher cipher) {
        this.cipher = cipher;
        this.jdbc = jdbc;
        this.clock = clock;
        this.outbox = outbox;
        this.properties = properties;
        this.events = events;
    }

    /** A revocation was recorded; listeners withdraw what is queued for the patient on what it covers. */
    public record ConsentRevoked(String patientId, ContactChannel channel, ContactPurpose purpose) {}

    /** What decides one channel and purpose of one patient: a record, or, with none, what treatment implies. */
    public record Decision(ContactChannel channel, ContactPurpose purpose, boolean permit, ConsentRecord decidedBy) {}

    /** Records a grant or a revocation; call inside the transaction of what carried it. */
    public ConsentRecord record(ConsentRecord.Change change) {
        Timestamp now = Timestamp.from(clock.instant());
        String words = change.words() == null || change.words().length() <= 1600
                ? change.words()
                : change.words().substring(0, 1600);
        org.springframework.jdbc.support.GeneratedKeyHolder key =
                new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.update(
                connection -> {
                    var statement = connection.prepareStatement(
                            "insert into consent_record (patient_id, channel, purpose, decision, recorded_at, source, "
                                    + "contact, words, inbound_message_id, recorded_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            new String[] {"id"});
                    statement.setString(1, change.patientId());
                    statement.setString(2, change.channel().code());
                    statement.setString(3, change.purpose().code());
                    statement.setString(4, change.permit() ? "permit" : "deny");
                    statement.setTimestamp(5, now);
                    statement.setString(6, change.source());
                    statement.setString(7, cipher.seal(change.contact(), PhiCipher.CONSENT_CONTACT));
                    statement.setString(8, cipher.seal(words, PhiCipher.CONSENT_WORDS));
                    statement.setString(9, change.inboundMessageId());
                    statement.setString(10, change.recordedBy());
                    return statement;
                },
                key);
        long id = key.getKey().longValue();
        if (!change.permit()) {
            events.publishEvent(new ConsentRevoked(change.patientId(), change.channel(), change.purpose()));
        }
        outbox.enqueue(new ConsentChanged(change.patientId()));
        log.info(
                "Consent of patient {}: {} {} for {} ({})",
                change.patientId(),
                change.permit() ? "granted" : "revoked",
                change.channel().code(),
                change.purpose().code(),
                change.source());
        return new ConsentRecord(
                id,
                change.patientId(),
                change.channel(),
                change.purpose(),
                change.permit(),
                now.toInstant(),
                change.source(),
                change.contact(),
                words,
                change.inboundMessageId(),
                change.recordedBy());
    }

    /** Whether the patient may be contacted on this channel for this purpose now. */
    public boolean permits(String patientId, ContactChannel channel, ContactPurpose purpose) {
        return decide(history(patientId), channel, purpose).permit();
    }

    /** The decision for every channel and purpose a message can have. */
    public List<Decision> state(String patientId) {
        List<ConsentRecord> history = history(patientId);
        List<Decision> state = new ArrayList<>();
        for (ContactChannel channel : ContactChannel.real()) {
            for (ContactPurpose purpose : ContactPurpose.real()) {
                state.add(decide(history, channel, purpose));
            }
        }
        return state;
    }

    /** Every grant and revocation of the patient, oldest first. */
    public List<ConsentRecord> history(String patientId) {
        return jdbc.query(
                "select * from consent_record where patient_id = ? order by id",
                (rs, i) -> new ConsentRecord(
                        rs.getLong("id"),
                        rs.getString("patient_id"),
                        ContactChannel.ofCode(rs.getString("channel")).orElseThrow(),
                        ContactPurpose.ofCode(rs.getString("purpose")).orElseThrow(),
                        "permit".equals(rs.getString("decision")),
                        rs.getTimestamp("recorded_at").toInstant(),
                        rs.getString("source"),
                        cipher.open(rs.getString("contact"), PhiCipher.CONSENT_CONTACT),
                        cipher.open(rs.getString("words"), PhiCipher.CONSENT_WORDS),
                        rs.getString("inbound_message_id"),
                        rs.getString("recorded_by")),
                patientId);
    }

    private Decision decide(List<ConsentRecord> history, ContactChannel channel, ContactPurpose purpose) {
        Optional<ConsentRecord> latest = Optional.empty();
        for (int i = history.size() - 1; i >= 0 && latest.isEmpty(); i--) {
            if (history.get(i).covers(channel, purpose)) {
                latest = Optional.of(history.get(i));
            }
        }
        return new Decision(
                channel,
                purpose,
                latest.map(ConsentRecord::permit).orElse(properties.implied(purpose)),
                latest.orElse(null));
    }
}
