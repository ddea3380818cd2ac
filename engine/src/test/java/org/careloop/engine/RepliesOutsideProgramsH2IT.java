package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The branches of reply routing for a patient no program follows any more (the last message to the number belongs
 * to no enrolment): a reply that needs nobody gets the "no longer following up" answer, STOP gets the opt-out
 * confirmation, and a red flag still reaches a nurse through the unprompted conversation.
 */
class RepliesOutsideProgramsH2IT extends H2StackTest {

    private static int next = 7400;

    /** A patient whose last message from CareLoop came from no program (e.g. an answer after the program ended). */
    private String patientOutsideAnyProgram() {
        String mobile = "+1508555" + next++;
        String patientId = patient(mobile, "en", p -> {});
        Timestamp now = new Timestamp(System.currentTimeMillis());
        engineDb.update(
                "insert into outbound_message (id, patient_id, channel, to_number, to_index, template_id, body, status, "
                        + "provider_sid, created_at, sent_at, updated_at) values (?, ?, 'sms', ?, ?, 'ack-routine', "
                        + "'Thank you', 'SENT', ?, ?, ?, ?)",
                UUID.randomUUID().toString(),
                patientId,
                cipher.seal(mobile, org.careloop.engine.crypto.PhiCipher.OUTBOUND_TO),
                cipher.index(mobile),
                newMessageSid(),
                now,
                now,
                now);
        return mobile;
    }

    private List<String> answersTo(String mobile, String sid) {
        return engineDb.queryForList(
                "select o.template_id from outbound_message o join inbound_message i "
                        + "on o.in_response_to = i.id where i.provider_sid = ? and o.to_index = ?",
                String.class,
                sid,
                cipher.index(mobile));
    }

    @Test
    void aReplyThatNeedsNobodyIsToldTheProgramHasEndedAndRaisesNoTask() {
        String mobile = patientOutsideAnyProgram();
        String sid = newMessageSid();
        long tasksBefore = tasks.createTaskQuery().count();

        assertThat(signedSms(incomingSms(sid, mobile, "all good thanks")).statusCode())
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> !answersTo(mobile, sid).isEmpty());
        assertThat(answersTo(mobile, sid)).containsExactly("program-ended");
        awaitOutboxDrained();
        assertThat(tasks.createTaskQuery().count()).isEqualTo(tasksBefore);
    }

    @Test
    void stopOutsideAProgramIsConfirmedOnce() {
        String mobile = patientOutsideAnyProgram();
        String sid = newMessageSid();

        assertThat(signedSms(incomingSms(sid, mobile, "STOP")).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> !answersTo(mobile, sid).isEmpty());
        assertThat(answersTo(mobile, sid)).containsExactly("opt-out-confirmation");
        assertThat(engineDb.queryForObject(
                        "select count(*) from sms_opt_out where number_index = ?", Integer.class, cipher.index(mobile)))
                .isEqualTo(1);
    }

    /** The provider's id of the reply a task is about; null when the task ended meanwhile (other tests run too). */
    private String providerSidOfTheReplyOf(org.camunda.bpm.engine.task.Task task) {
        try {
            return engineDb.queryForObject(
                    "select provider_sid from inbound_message where id = ?",
                    String.class,
                    tasks.getVariable(task.getId(), "replyMessageId"));
        } catch (RuntimeException endedMeanwhile) {
            return null;
        }
    }

    @Test
    void aRedFlagOutsideAProgramStillReachesANurse() {
        String mobile = patientOutsideAnyProgram();
        String sid = newMessageSid();

        assertThat(signedSms(incomingSms(sid, mobile, "I can't breathe")).statusCode())
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> tasks
                        .createTaskQuery()
                        .taskCandidateGroup("nurse")
                        .processInstanceBusinessKeyLike("unprompted:%")
                        .list()
                        .stream()
                        .anyMatch(t -> sid.equals(providerSidOfTheReplyOf(t))));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !answersTo(mobile, sid).isEmpty());
        assertThat(answersTo(mobile, sid)).containsExactly("ack-emergency");
    }
}
