package org.careloop.engine.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A database written before contacts were sealed is upgraded without losing anything: the migration keeps every
 * contact, and the first start seals them, gives them their blind index and re-keys the opt-outs, invalid contacts
 * and lookups by it, so that a STOP sent before the upgrade still holds.
 */
class ContactIndexUpgradeTest {

    private static final String MOBILE = "+16175550177";
    private static final String EMAIL = "ana.lopez@example.org";

    @Test
    void contactsWrittenBeforeTheUpgradeAreSealedIndexedAndStillFoundAndAnOptOutStillHolds() {
        DriverManagerDataSource db = new DriverManagerDataSource(
                "jdbc:h2:mem:upgrade-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(db).target("31").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(db);
        Timestamp now = new Timestamp(System.currentTimeMillis());
        for (String[] message : new String[][] {{"m1", "sms", MOBILE}, {"m2", "email", EMAIL}}) {
            jdbc.update(
                    "insert into outbound_message (id, patient_id, channel, to_number, template_id, body, status, "
                            + "created_at, updated_at) values (?, 'p1', ?, ?, 'reminder', 'Reminder', 'SENT', ?, ?)",
                    message[0],
                    message[1],
                    message[2],
                    now,
                    now);
        }
        jdbc.update(
                "insert into inbound_message (id, provider_sid, channel, from_number, body, patient_id, status, "
                        + "received_at) values ('i1', 'SM1', 'sms', ?, 'STOP', 'p1', 'PROCESSED', ?)",
                MOBILE,
                now);
        jdbc.update(
                "insert into sms_opt_out (phone_number, opted_out_at, source, words, inbound_message_id) "
                        + "values (?, ?, 'keyword', 'STOP', 'i1')",
                MOBILE,
                now);
        jdbc.update(
                "insert into contact_invalid (phone_number, patient_id, error_code, reason, marked_at) "
                        + "values (?, 'p1', '550', 'mailbox unavailable', ?)",
                EMAIL,
                now);

        Flyway.configure().dataSource(db).load().migrate();
        assertThat(jdbc.queryForObject("select to_number from outbound_message where id = 'm1'", String.class))
                .as("the migration keeps the contact")
                .isEqualTo(MOBILE);

        PhiCipher cipher = new PhiCipher(
                jdbc, new DataSourceTransactionManager(db), Clock.systemUTC(), new CryptoProperties(null, null));
        Reencryption reencryption = new Reencryption(jdbc, cipher);
        ContactIndexUpgrade upgrade = new ContactIndexUpgrade(jdbc, cipher, reencryption);

        assertThat(upgrade.run()).isEqualTo(5);

        var sms = jdbc.queryForMap("select to_number, to_index from outbound_message where id = 'm1'");
        assertThat((String) sms.get("to_number")).startsWith(PhiCipher.PREFIX);
        assertThat(cipher.open((String) sms.get("to_number"), PhiCipher.OUTBOUND_TO))
                .isEqualTo(MOBILE);
        assertThat(sms.get("to_index")).isEqualTo(cipher.index(MOBILE));
        assertThat(jdbc.queryForObject(
                        "select id from outbound_message where to_index = ?", String.class, cipher.index(EMAIL)))
                .isEqualTo("m2");
        assertThat(jdbc.queryForObject(
                        "select id from inbound_message where from_index = ?", String.class, cipher.index(MOBILE)))
                .isEqualTo("i1");
        assertThat(jdbc.queryForObject(
                        "select count(*) from sms_opt_out where number_index = ?", Integer.class, cipher.index(MOBILE)))
                .as("the STOP sent before the upgrade still holds")
                .isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "select reason from contact_invalid where contact_index = ?",
                        String.class,
                        cipher.index(EMAIL)))
                .isEqualTo("mailbox unavailable");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !reencryption.progress().running());
        String words = jdbc.queryForObject("select words from sms_opt_out", String.class);
        assertThat(words).as("the words kept as evidence, sealed").startsWith(PhiCipher.PREFIX);
        assertThat(cipher.open(words, PhiCipher.OPT_OUT_WORDS)).isEqualTo("STOP");
        assertThat(upgrade.run()).as("a second start finds nothing to do").isZero();
    }
}
