package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.UUID;
import org.careloop.engine.crypto.PhiCipher;
import org.careloop.engine.outbox.Outbox;
import org.careloop.engine.outreach.SendRequested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A patient's reply never waits behind a campaign: with 1,000 program messages queued, a red-flag reply reaches a
 * nurse and its acknowledgement reaches the patient while the campaign is still being sent.
 */
class RepliesDuringCampaignH2IT extends H2StackTest {

    private static final int CAMPAIGN_PATIENTS = 20;

    @Autowired
    Outbox outbox;

    @Autowired
    @Qualifier("engineTransactions")
    TransactionTemplate transactions;

    @Test
    void aRedFlagReplyIsAnsweredAndHandedToANurseWhileAThousandSendsAreQueued() {
        String mobile = "+15085557301";
        String patientId = patient(mobile, "en", p -> {});
        firstCheckIn(enrolByDischarge(patientId, "post-discharge"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> engineDb.queryForObject(
                                "select count(*) from outbound_message where to_index = ? and status = 'SENT'",
                                Integer.class,
                                cipher.index(mobile))
                        == 1);

        String[] campaignPatients = new String[CAMPAIGN_PATIENTS];
        for (int p = 0; p < CAMPAIGN_PATIENTS; p++) {
            campaignPatients[p] = patient(number(p), "en", patient -> {});
        }
        String campaign = "campaign-" + UUID.randomUUID();
        transactions.executeWithoutResult(tx -> {
            Timestamp now = new Timestamp(System.currentTimeMillis());
            for (int i = 0; i < 1000; i++) {
                String id = campaign + "-" + i;
                engineDb.update(
                        "insert into outbound_message (id, patient_id, channel, to_number, to_index, template_id, body, "
                                + "status, created_at, updated_at) values (?, ?, 'sms', ?, ?, 'reminder', 'Reminder', "
                                + "'QUEUED', ?, ?)",
                        id,
                        campaignPatients[i % CAMPAIGN_PATIENTS],
                        cipher.seal(number(i % CAMPAIGN_PATIENTS), PhiCipher.OUTBOUND_TO),
                        cipher.index(number(i % CAMPAIGN_PATIENTS)),
                        now,
                        now);
                outbox.enqueue(new SendRequested.ProgramMessage(id, cipher.index(number(i % CAMPAIGN_PATIENTS))));
            }
        });

        assertThat(signedSms(incomingSms(newMessageSid(), mobile, "I have chest pain"))
                        .statusCode())
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> tasks.createTaskQuery()
                                .processVariableValueEquals("patientId", patientId)
                                .taskCandidateGroup("nurse")
                                .count()
                        == 1);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> engineDb.queryForObject(
                                "select count(*) from outbound_message "
                                        + "where to_index = ? and in_response_to is not null and status in ('SENT', 'DELIVERED')",
                                Integer.class,
                                cipher.index(mobile))
                        == 1);
        int campaignStillQueued = engineDb.queryForObject(
                "select count(*) from outbound_message where id like ? " + "and status = 'QUEUED'",
                Integer.class,
                campaign + "%");
        assertThat(campaignStillQueued)
                .as("campaign messages still queued when the patient had the answer")
                .isPositive();

        // the rest of the campaign leaves without a failure
        await().atMost(Duration.ofMinutes(3))
                .until(() -> engineDb.queryForObject(
                                "select count(*) from outbound_message " + "where id like ? and status = 'QUEUED'",
                                Integer.class,
                                campaign + "%")
                        == 0);
        await().atMost(Duration.ofMinutes(3))
                .until(() -> engineDb.queryForObject(
                                "select count(*) from outbox_event " + "where status in ('PENDING', 'PROCESSING')",
                                Integer.class)
                        == 0);
        awaitOutboxDrained();
        assertThat(engineDb.queryForObject(
                        "select count(*) from outbound_message where id like ? and status in ('SENT', 'DELIVERED')",
                        Integer.class,
                        campaign + "%"))
                .isEqualTo(1000);
    }

    private static String number(int patient) {
        return String.format("+1508555%04d", 8100 + patient);
    }

    @Autowired
    org.careloop.engine.outbox.RepliesFirst repliesFirst;

    @Autowired
    org.careloop.engine.outbox.OutboxProperties outboxSettings;

    @Test
    void anEhrsFhirWriteWaitsWhileTheNodeWorksOnAReplyAndGoesWhenItEnds() throws Exception {
        var ehr = fhirAs("ehr");
        java.util.function.Supplier<Boolean> write = () -> ehr.create()
                .resource(new org.hl7.fhir.r4.model.Patient()
                        .addName(new org.hl7.fhir.r4.model.HumanName().setFamily("Yield")))
                .execute()
                .getCreated();
        assertThat(write.get()).isTrue();
        Duration held = outboxSettings.getRepliesFirst().dividedBy(2);
        repliesFirst.begin();
        java.util.concurrent.CompletableFuture<Boolean> written;
        try {
            written = java.util.concurrent.CompletableFuture.supplyAsync(write);

            Thread.sleep(held.toMillis());
            assertThat(written).as("the write waits for the reply").isNotDone();
        } finally {
            repliesFirst.end();
        }
        // before the bound would have let it go: it went because the reply's work ended
        assertThat(written.get(held.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS))
                .as("written once the reply's work ended")
                .isTrue();
    }
}
