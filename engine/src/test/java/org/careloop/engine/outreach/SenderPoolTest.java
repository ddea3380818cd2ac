package org.careloop.engine.outreach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.careloop.engine.departments.Department;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A department's pool of sender numbers: a campaign spread over all of them, each patient kept on one. */
class SenderPoolTest {

    private static final List<String> POOL = List.of("+16175550200", "+16175550201", "+16175550202");

    private JdbcTemplate jdbc;
    private SenderPool senders;

    @BeforeEach
    void freshDatabase() {
        DriverManagerDataSource db =
                new DriverManagerDataSource("jdbc:h2:mem:pool-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(db).load().migrate();
        jdbc = new JdbcTemplate(db);
        senders = new SenderPool(jdbc);
    }

    private static Department department(List<String> pool) {
        return new Department("cardiology", null, null, null, pool);
    }

    private void sentFrom(String patientId, String from) {
        jdbc.update(
                "insert into outbound_message (id, patient_id, channel, to_number, from_number, template_id, body, status, "
                        + "created_at, updated_at) values (?, ?, 'sms', '+16175557000', ?, 'post-discharge-checkin-1', "
                        + "'x', 'SENT', ?, ?)",
                UUID.randomUUID().toString(),
                patientId,
                from,
                Timestamp.from(Instant.now()),
                Timestamp.from(Instant.now()));
    }

    @Test
    void aCampaignOfThreeHundredPatientsIsSpreadOverEveryNumberOfThePool() {
        Map<String, Long> perNumber = IntStream.range(0, 300)
                .mapToObj(i ->
                        senders.senderFor(department(POOL), UUID.randomUUID().toString()))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));

        assertThat(perNumber.keySet()).containsExactlyInAnyOrderElementsOf(POOL);
        assertThat(perNumber.values()).allMatch(count -> count >= 60, "each number takes a fair share");
    }

    @Test
    void aPatientKeepsTheNumberTheyLastHeardFromWhileItIsInThePool() {
        String patientId = UUID.randomUUID().toString();
        String chosen = senders.senderFor(department(POOL), patientId);
        String other = POOL.stream().filter(n -> !n.equals(chosen)).findFirst().orElseThrow();
        sentFrom(patientId, other);

        assertThat(senders.senderFor(department(POOL), patientId)).isEqualTo(other);
        assertThat(senders.senderFor(department(POOL), patientId))
                .as("asked again, the same")
                .isEqualTo(other);
        // the number leaves the pool: the patient gets one of those left
        List<String> smaller = POOL.stream().filter(n -> !n.equals(other)).toList();
        assertThat(senders.senderFor(department(smaller), patientId)).isIn(smaller);
    }

    @Test
    void aDepartmentWithoutNumbersUsesTheProvidersDefaultAndOneNumberIsUsedForEveryone() {
        assertThat(senders.senderFor(department(List.of()), "p-1")).isNull();
        assertThat(senders.senderFor(department(List.of("+16175550299")), "p-1"))
                .isEqualTo("+16175550299");
    }

    @Test
    void aSenderThatIsNotAnE164NumberIsRefusedWhenTheDepartmentIsConfigured() {
        assertThatThrownBy(() -> department(List.of("617-555-0200")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cardiology")
                .hasMessageContaining("E.164");
    }
}
