package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/**
 * Quiet hours: a program's message to a patient for whom it is night waits, queued, for the morning on the patient's
 * own clock (the zone in the patient's record); an answer to what the patient writes goes at once; STOP withdraws
 * what waits at once. The test stack's department {@code quiet-clinic} keeps 08:00–21:00.
 */
class QuietHoursH2IT extends H2StackTest {

    /** A zone in which it is now between 03:00 and 04:00. */
    private static ZoneId zoneAtThreeInTheMorning() {
        int utcHour = ClockUtil.now().toInstant().atZone(ZoneOffset.UTC).getHour();
        int offset = Math.floorMod(3 - utcHour, 24);
        if (offset > 14) {
            offset -= 24;
        }
        return ZoneId.of(offset >= 0 ? "Etc/GMT-" + offset : "Etc/GMT+" + (-offset));
    }

    /** That time of the wall clock, today on the patient's clock. */
    private static Instant today(ZoneId zone, LocalTime time) {
        return ClockUtil.now()
                .toInstant()
                .atZone(zone)
                .toLocalDate()
                .atTime(time)
                .atZone(zone)
                .toInstant();
    }

    private record Sleeper(String patientId, String mobile, ZoneId zone) {}

    private Sleeper patientAsleep() {
        Organization clinic = new Organization();
        clinic.setId(QUIET_DEPARTMENT);
        clinic.setName("Quiet clinic");
        daos.getResourceDao(Organization.class).update(clinic, new SystemRequestDetails());
        ZoneId zone = zoneAtThreeInTheMorning();
        String mobile = TestNumbers.unused("+1617558");
        String patientId = patient(mobile, "en", p -> {
            p.setManagingOrganization(new Reference("Organization/" + QUIET_DEPARTMENT));
            p.addExtension("http://hl7.org/fhir/StructureDefinition/timezone", new CodeType(zone.getId()));
        });
        return new Sleeper(patientId, mobile, zone);
    }

    private Map<String, Object> checkIn(String patientId) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> engineDb.queryForObject(
                                "select count(*) from outbound_message where patient_id = ? and template_id = ?",
                                Integer.class,
                                patientId,
                                "post-discharge-checkin-1")
                        == 1);
        return engineDb.queryForMap(
                "select id, status, status_detail from outbound_message where patient_id = ? and template_id = ?",
                patientId,
                "post-discharge-checkin-1");
    }

    @Test
    void aCheckInDueAtNightWaitsQueuedForEightOClockOnThePatientsClockAndStopWithdrawsItAtOnce() {
        Sleeper sleeper = patientAsleep();
        firstCheckIn(enrolByDischarge(sleeper.patientId(), "post-discharge"));

        Map<String, Object> held = checkIn(sleeper.patientId());
        Instant morning = today(sleeper.zone(), LocalTime.of(8, 0));
        assertThat(held.get("status")).isEqualTo("QUEUED");
        assertThat((String) held.get("status_detail")).startsWith("Deferred to " + morning);
        assertThat(engineDb.queryForObject(
                        "select next_attempt_at from outbox_event where kind = 'sms-send' and payload like ?",
                        java.sql.Timestamp.class,
                        "%" + held.get("id") + "%"))
                .isEqualTo(java.sql.Timestamp.from(morning));
        awaitOutboxDrained();
        assertThat(sent(sleeper.patientId(), "post-discharge-checkin-1")).isEmpty();

        replyFrom(sleeper.mobile(), "STOP");

        assertThat(engineDb.queryForMap(
                        "select status, status_detail from outbound_message where id = ?", held.get("id")))
                .containsEntry("STATUS", "SUPPRESSED")
                .containsEntry("STATUS_DETAIL", "Consent revoked before it was sent");
    }

    @Test
    void aClearRequestInWordsWithdrawsWhatWaitsAtOnceAndKeepsTheWordsAsEvidence() {
        Sleeper sleeper = patientAsleep();
        firstCheckIn(enrolByDischarge(sleeper.patientId(), "post-discharge"));
        Map<String, Object> held = checkIn(sleeper.patientId());

        replyFrom(sleeper.mobile(), "please stop texting me");

        assertThat(engineDb.queryForObject(
                        "select status from outbound_message where id = ?", String.class, held.get("id")))
                .isEqualTo("SUPPRESSED");
        var optOut = engineDb.queryForMap(
                "select source, words from sms_opt_out where number_index = ?", cipher.index(sleeper.mobile()));
        assertThat(optOut).containsEntry("SOURCE", "words");
        assertThat(cipher.open((String) optOut.get("WORDS"), org.careloop.engine.crypto.PhiCipher.OPT_OUT_WORDS))
                .isEqualTo("please stop texting me");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> sent(sleeper.patientId(), "opt-out-confirmation").size() == 1);
    }

    @Test
    void anAnswerToWhatThePatientWritesAtNightGoesAtOnceWhileTheProgramsMessageWaits() {
        Sleeper sleeper = patientAsleep();
        firstCheckIn(enrolByDischarge(sleeper.patientId(), "post-discharge"));
        Map<String, Object> held = checkIn(sleeper.patientId());

        replyFrom(sleeper.mobile(), "I have chest pain");

        await().atMost(Duration.ofSeconds(60))
                .until(() -> sent(sleeper.patientId(), "ack-emergency").size() == 1);
        assertThat(engineDb.queryForObject(
                        "select status from outbound_message where id = ?", String.class, held.get("id")))
                .isEqualTo("QUEUED");

        // morning on the patient's clock: the question waited for an answer the patient has given since
        Instant morning = today(sleeper.zone(), LocalTime.of(8, 1));
        ClockUtil.setCurrentTime(java.util.Date.from(morning));
        try {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> "CANCELLED"
                            .equals(engineDb.queryForObject(
                                    "select status from outbound_message where id = ?", String.class, held.get("id"))));
        } finally {
            ClockUtil.reset();
        }
        assertThat(sent(sleeper.patientId(), "post-discharge-checkin-1")).isEmpty();
    }
}
