package org.careloop.engine.crypto;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The first start after contacts came to be sealed: seals the numbers and addresses that rows written before hold in
 * plain text and gives them their blind index, and re-keys the contact tables (opt-outs, invalid contacts, carrier
 * lookups) by the index, in pages of 500. Nothing is dropped: a row is rewritten in place, one statement each, and only
 * if no other node did it first. A start with nothing to upgrade costs three indexed look-ups.
 */
@Component
class ContactIndexUpgrade {

    private static final Logger log = LoggerFactory.getLogger(ContactIndexUpgrade.class);
    private static final int PAGE = 500;

    private final JdbcTemplate jdbc;
    private final PhiCipher cipher;
    private final Reencryption reencryption;

    ContactIndexUpgrade(@Qualifier("engineJdbc") JdbcTemplate jdbc, PhiCipher cipher, Reencryption reencryption) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.reencryption = reencryption;
    }

    /** Upgrades what needs it; returns the number of rows changed. */
    int run() {
        int changed = fill("outbound_message", "to_number", "to_index", PhiCipher.OUTBOUND_TO)
                + fill("inbound_message", "from_number", "from_index", PhiCipher.INBOUND_FROM)
                + rekey("sms_opt_out", "number_index")
                + rekey("contact_invalid", "contact_index")
                + rekey("number_lookup", "number_index");
        if (changed > 0) {
            log.info(
                    "{} rows with contacts in plain text sealed and indexed; sealing the rest in the background",
                    changed);
            // the words, secrets and summaries written before: sealed by a re-encryption pass
            reencryption.start();
        }
        return changed;
    }

    private int fill(String table, String contact, String index, String aad) {
        int changed = 0;
        while (true) {
            List<Map<String, Object>> page = jdbc.queryForList("select id, " + contact + " as c from " + table
                    + " where " + index + " is null fetch first " + PAGE + " rows only");
            if (page.isEmpty()) {
                return changed;
            }
            for (Map<String, Object> row : page) {
                String plain = cipher.open((String) row.get("c"), aad);
                changed += jdbc.update(
                        "update " + table + " set " + contact + " = ?, " + index + " = ? where id = ? and " + index
                                + " is null",
                        cipher.seal(plain, aad),
                        cipher.index(plain),
                        row.get("id"));
            }
        }
    }

    /** Rows keyed by a number or an address in plain text get its index as their key. */
    private int rekey(String table, String key) {
        int changed = 0;
        while (true) {
            List<String> page = jdbc.queryForList(
                    "select " + key + " from " + table + " where " + key + " like '+%' or " + key + " like '%@%' "
                            + "fetch first " + PAGE + " rows only",
                    String.class);
            if (page.isEmpty()) {
                return changed;
            }
            for (String plain : page) {
                try {
                    changed += jdbc.update(
                            "update " + table + " set " + key + " = ? where " + key + " = ?",
                            cipher.index(plain),
                            plain);
                } catch (DuplicateKeyException alreadyIndexed) {
                    // the same contact was recorded again under its index since: that row stands
                    changed += jdbc.update("delete from " + table + " where " + key + " = ?", plain);
                }
            }
        }
    }
}
