package org.careloop.engine.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import org.careloop.engine.departments.SendingWindow;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Frequency caps over the messages a patient got or will get from one program, on the engine's real schema. */
class SendingScheduleTest {

    private static final Instant NOW = Instant.parse("2026-06-10T15:00:00Z");
    private static final String PATIENT = "p1";

    private JdbcTemplate jdbc;
    private org.springframework.transaction.support.TransactionTemplate transactions;
    private SendingSchedule schedule;

    @BeforeEach
    void freshDatabase() {
        DriverManagerDataSource db = new DriverManagerDataSource(
                "jdbc:h2:mem:caps-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000", "sa", "");
        Flyway.configure().dataSource(db).load().migrate();
        jdbc = new JdbcTemplate(db);
        transactions = new org.springframework.transaction.support.TransactionTemplate(
                new org.springframework.jdbc.datasource.DataSourceTransactionManager(db));
        FrequencyCaps caps = new FrequencyCaps();
        FrequencyCaps.Limits daily = new FrequencyCaps.Limits();
        daily.setPerDay(1);
        daily.setPerWeek(7);
        caps.getPrograms().put("chronic-heart-failure", daily);
        schedule = new SendingSchedule(
                jdbc, caps, new org.springframework.jdbc.datasource.DataSourceTransactionManager(db));
    }

    private void message(String program, Instant sendAfter, String status, String inResponseTo) {
        Timestamp at = Timestamp.from(sendAfter);
        jdbc.update(
                "insert into outbound_message (id, patient_id, program, channel, to_number, template_id, body, status, "
                        + "in_response_to, created_at, updated_at, send_after) "
                        + "values (?, ?, ?, 'sms', '+16175550123', 't', 'b', ?, ?, ?, ?, ?)",
                UUID.randomUUID().toString(),
                PATIENT,
                program,
                status,
                inResponseTo,
                at,
                at,
                at);
    }

    private Instant earliest(String program) {
        return schedule.earliest(PATIENT, program, NOW, t -> t);
    }

    @Test
    void aFirstMessageGoesAtOnce() {
        assertThat(earliest("care-gap")).isEqualTo(NOW);
    }

    @Test
    void aSecondMessageOfTheProgramWithinADayWaitsUntilTheFirstIsADayOld() {
        message("care-gap", NOW.minus(Duration.ofHours(2)), "DELIVERED", null);

        assertThat(earliest("care-gap"))
                .isEqualTo(NOW.minus(Duration.ofHours(2)).plus(Duration.ofDays(1)));
        assertThat(earliest("appointment-reminder"))
                .as("another program has caps of its own")
                .isEqualTo(NOW);
    }

    @Test
    void aFourthMessageInAWeekWaitsUntilTheOldestIsAWeekOld() {
        Instant oldest = NOW.minus(Duration.ofDays(5));
        message("care-gap", oldest, "SENT", null);
        message("care-gap", NOW.minus(Duration.ofDays(3)), "SENT", null);
        message("care-gap", NOW.minus(Duration.ofDays(2)), "SENT", null);

        assertThat(earliest("care-gap")).isEqualTo(oldest.plus(Duration.ofDays(7)));
    }

    @Test
    void aMessageWaitingForLaterCountsAndAnswersOrMessagesThatNeverWentDoNot() {
        Instant tomorrow = NOW.plus(Duration.ofHours(17));
        message("care-gap", tomorrow, "QUEUED", null);
        message("care-gap", NOW.minus(Duration.ofHours(1)), "SENT", "inbound-1");
        message("care-gap", NOW.minus(Duration.ofHours(1)), "SUPPRESSED", null);
        message("care-gap", NOW.minus(Duration.ofHours(1)), "UNDELIVERED", null);

        assertThat(earliest("care-gap")).isEqualTo(tomorrow.plus(Duration.ofDays(1)));
    }

    @Test
    void aDailyCheckInProgramMayWriteEveryDayOfTheWeek() {
        for (int day = 1; day <= 6; day++) {
            message("chronic-heart-failure", NOW.minus(Duration.ofDays(day)), "DELIVERED", null);
        }

        assertThat(earliest("chronic-heart-failure")).isEqualTo(NOW);
    }

    @Test
    void aCappedMessageAlsoWaitsForTheSendingHours() {
        message("care-gap", Instant.parse("2026-06-10T01:30:00Z"), "DELIVERED", null);
        SendingWindow daytime = SendingWindow.of("08:00", "21:00");
        ZoneId newYork = ZoneId.of("America/New_York");

        Instant at = schedule.earliest(PATIENT, "care-gap", NOW, t -> daytime.earliest(t, newYork));

        // a day after 21:30 New York time falls in the quiet hours: the next morning at 08:00
        assertThat(at).isEqualTo(Instant.parse("2026-06-11T12:00:00Z"));
    }

    @Test
    void twoStepsWritingToOnePatientAtOnceCountEachOther() throws Exception {
        message("care-gap", NOW.minus(Duration.ofDays(3)), "SENT", null);
        java.util.concurrent.CountDownLatch firstScheduled = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService steps = java.util.concurrent.Executors.newFixedThreadPool(2);
        // each step schedules and records its message in one transaction, as OutreachService does
        java.util.concurrent.Future<Instant> first = steps.submit(() -> transactions.execute(tx -> {
            Instant at = earliest("care-gap");
            message("care-gap", at, "QUEUED", null);
            firstScheduled.countDown();
            sleep(Duration.ofMillis(700));
            return at;
        }));
        firstScheduled.await();
        java.util.concurrent.Future<Instant> second = steps.submit(() -> transactions.execute(tx -> {
            Instant at = earliest("care-gap");
            message("care-gap", at, "QUEUED", null);
            return at;
        }));

        assertThat(first.get()).isEqualTo(NOW);
        assertThat(second.get())
                .as("the second waited for the first and counted it")
                .isEqualTo(NOW.plus(Duration.ofDays(1)));
        steps.shutdown();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
