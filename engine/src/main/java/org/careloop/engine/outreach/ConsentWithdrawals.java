package org.careloop.engine.outreach;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.careloop.engine.consent.ConsentVault;
import org.careloop.engine.consent.ContactChannel;
import org.careloop.engine.consent.ContactPurpose;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A revocation withdraws, in the transaction that records it, every message still queued for the patient on the
 * channels and for the purposes it covers: a message waiting for quiet hours or its turn is never sent after STOP.
 */
@Component
class ConsentWithdrawals {

    private static final Logger log = LoggerFactory.getLogger(ConsentWithdrawals.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final MessageLedger ledger;

    ConsentWithdrawals(@Qualifier("engineJdbc") JdbcTemplate jdbc, Clock clock, MessageLedger ledger) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.ledger = ledger;
    }

    @EventListener
    void revoked(ConsentVault.ConsentRevoked revoked) {
        List<Map<String, Object>> queued = jdbc.queryForList(
                "select id, channel, program from outbound_message where patient_id = ? and status = 'QUEUED' "
                        + "and template_id <> 'opt-out-confirmation'",
                revoked.patientId());
        int withdrawn = 0;
        for (Map<String, Object> message : queued) {
            boolean channel = revoked.channel() == ContactChannel.ALL
                    || revoked.channel().code().equals(message.get("channel"));
            boolean purpose = revoked.purpose() == ContactPurpose.ALL
                    || revoked.purpose() == ContactPurpose.ofProgram((String) message.get("program"));
            if (channel && purpose) {
                withdrawn += jdbc.update(
                        "update outbound_message set status = 'SUPPRESSED', status_detail = ?, updated_at = ? "
                                + "where id = ? and status = 'QUEUED'",
                        "Consent revoked before it was sent",
                        Timestamp.from(clock.instant()),
                        message.get("id"));
                ledger.outboundChanged((String) message.get("id"));
            }
        }
        if (withdrawn > 0) {
            log.info("Patient {}: {} queued message(s) withdrawn on revocation", revoked.patientId(), withdrawn);
        }
    }
}
