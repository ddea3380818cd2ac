package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.careloop.engine.outreach.OutreachRequest;
import org.careloop.engine.outreach.OutreachService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A number the carrier cannot reach: the provider's failed-delivery callback (error 30003) marks it invalid, a care
 * coordinator is handed the patient once to reach them another way and have the number updated, and nothing more is
 * sent to it instead of retrying for ever.
 */
class UnreachableNumberH2IT extends H2StackTest {

    @Autowired
    OutreachService outreach;

    @Test
    void anUndeliveredCheckInMarksTheNumberHandsThePatientToACoordinatorOnceAndStopsFurtherSends() {
        String patientId = patient(UNREACHABLE_NUMBER, "en", p -> {});
        firstCheckIn(enrolByDischarge(patientId, "post-discharge"));

        await().atMost(Duration.ofSeconds(60))
                .until(() -> "UNDELIVERED"
                        .equals(engineDb.queryForObject(
                                "select max(status) from outbound_message where patient_id = ? and template_id = ?",
                                String.class,
                                patientId,
                                "post-discharge-checkin-1")));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> tasks.createTaskQuery()
                                .processInstanceBusinessKey("contact:" + patientId)
                                .taskCandidateGroup("care-coordinator")
                                .count()
                        == 1);
        assertThat(engineDb.queryForObject(
                        "select reason from contact_invalid where contact_index = ?",
                        String.class,
                        cipher.index(UNREACHABLE_NUMBER)))
                .isEqualTo("Provider error 30003: the handset is unreachable");
        var task = tasks.createTaskQuery()
                .processInstanceBusinessKey("contact:" + patientId)
                .singleResult();
        assertThat((String) tasks.getVariable(task.getId(), "handoffReason")).contains("cannot take text messages");

        OutreachService.Result next = outreach.send(new OutreachRequest(
                patientId, "post-discharge-reminder-1", "post-discharge", null, null, null, null, null));

        assertThat(next).isEqualTo(OutreachService.Result.NO_VALID_MOBILE);
        assertThat(engineDb.queryForObject(
                        "select status from outbound_message where patient_id = ? and template_id = ?",
                        String.class,
                        patientId,
                        "post-discharge-reminder-1"))
                .isEqualTo("INVALID_CONTACT");
        awaitOutboxDrained();
        assertThat(tasks.createTaskQuery()
                        .processInstanceBusinessKey("contact:" + patientId)
                        .count())
                .as("one coordinator handoff per number")
                .isEqualTo(1);
    }
}
