package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.careloop.engine.channels.sms.TwilioSignature;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/** Bad input gets a clear 4xx or a polite answer, loses nothing, and has no effect twice. */
class BadInputH2IT extends H2StackTest {

    @Test
    void malformedFhirResourceIsRefusedWithAnOperationOutcome() {
        HttpResponse<String> response =
                postFhir("/fhir/Encounter", "ehr", "{\"resourceType\":\"Encounter\",\"status\":");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body())
                .contains("OperationOutcome")
                .doesNotContain("at ca.uhn")
                .doesNotContain("Exception:");
    }

    @Test
    void encounterForAnUnknownPatientIsRefusedAndDecidesNothing() {
        String encounter = """
                {"resourceType":"Encounter","status":"finished",
                 "class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"IMP"},
                 "subject":{"reference":"Patient/no-such-patient"},
                 "period":{"start":"2026-01-01T00:00:00Z","end":"2026-01-02T00:00:00Z"}}""";

        HttpResponse<String> response = postFhir("/fhir/Encounter", "ehr", encounter);

        assertThat(response.statusCode()).isBetween(400, 499);
        assertThat(response.body()).contains("OperationOutcome").contains("no-such-patient");
        assertThat(engineDb.queryForObject(
                        "select count(*) from enrolment_decision where patient_id = 'no-such-patient'", Integer.class))
                .isZero();
    }

    @Test
    void unsignedOrWronglySignedWebhookIsRefusedAndNotRecorded() {
        String sid = newMessageSid();
        Map<String, String> params = incomingSms(sid, "+16175559001", "hello");

        assertThat(webhook("/webhooks/twilio/sms", params, null).statusCode()).isEqualTo(403);
        assertThat(webhook(
                                "/webhooks/twilio/sms",
                                params,
                                TwilioSignature.sign("wrong-token", url("/webhooks/twilio/sms"), params))
                        .statusCode())
                .isEqualTo(403);
        assertThat(webhook(
                                "/webhooks/twilio/sms",
                                params,
                                TwilioSignature.sign(AUTH_TOKEN, "http://evil.example/webhooks/twilio/sms", params))
                        .statusCode())
                .isEqualTo(403);
        assertThat(inbound(sid)).isZero();
    }

    @Test
    void replyFromAnUnknownNumberIsRecordedAndAnsweredPolitely() {
        String sid = newMessageSid();

        HttpResponse<String> response = signedSms(incomingSms(sid, "+16175559002", "who is this?"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("<Response><Message>").contains("could not match this number");
        assertThat(engineDb.queryForObject(
                        "select status from inbound_message where provider_sid = ?", String.class, sid))
                .isEqualTo("UNMATCHED");
    }

    @Test
    void replayedWebhookHasNoSecondEffect() {
        String mobile = knownPatientWithConversation();
        String sid = newMessageSid();
        Map<String, String> params = incomingSms(sid, mobile, "can someone call me?");

        assertThat(signedSms(params).statusCode()).isEqualTo(200);
        assertThat(signedSms(params).statusCode()).isEqualTo(200);

        assertThat(inbound(sid)).isEqualTo(1);
        awaitOutboxDrained();
        assertThat(engineDb.queryForObject(
                        "select count(*) from outbox_event where kind = 'reply-received' and payload like "
                                + "(select '%\"' || id || '\"%' from inbound_message where provider_sid = ?)",
                        Integer.class, sid))
                .isEqualTo(1);
    }

    @Test
    void emptyReplyIsRecordedAndAnsweredWithOneClarifyingQuestion() {
        String mobile = knownPatientWithConversation();
        String sid = newMessageSid();

        assertThat(signedSms(incomingSms(sid, mobile, "")).statusCode()).isEqualTo(200);

        assertThat(inbound(sid)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> engineDb.queryForObject(
                                "select count(*) from outbound_message "
                                        + "where in_response_to = ? and template_id = 'clarify'",
                                Integer.class,
                                inboundId(sid))
                        == 1);
    }

    @Test
    void oversizedReplyIsRefusedWithAMessageAndNotRecorded() {
        String sid = newMessageSid();

        HttpResponse<String> response = signedSms(incomingSms(sid, "+16175559003", "x".repeat(10 * 1024)));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("longer than 1600");
        assertThat(inbound(sid)).isZero();
    }

    @Test
    void webhookWithoutAMessageSidIsRefused() {
        Map<String, String> params = incomingSms("not-a-sid", "+16175559004", "hi");

        HttpResponse<String> response = signedSms(params);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("MessageSid");
    }

    @Test
    void stopOptsTheNumberOutAtOnceAndLaterMessagesAreHeldBack() {
        String mobile = knownPatientWithConversation();

        assertThat(signedSms(incomingSms(newMessageSid(), mobile, "STOP")).statusCode())
                .isEqualTo(200);

        assertThat(engineDb.queryForObject(
                        "select count(*) from sms_opt_out where number_index = ?", Integer.class, cipher.index(mobile)))
                .isEqualTo(1);
        awaitOutboxDrained();
        assertThat(engineDb.queryForList(
                        "select template_id from outbound_message where to_index = ? and status = 'QUEUED'",
                        String.class,
                        cipher.index(mobile)))
                .isEmpty();

        // a later red flag still reaches a nurse, but the acknowledgement is held back, not texted
        assertThat(signedSms(incomingSms(newMessageSid(), mobile, "my chest hurts"))
                        .statusCode())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> engineDb.queryForObject(
                                "select count(*) from outbound_message "
                                        + "where to_index = ? and template_id = 'ack-emergency'",
                                Integer.class,
                                cipher.index(mobile))
                        == 1);
        assertThat(engineDb.queryForObject(
                        "select status from outbound_message where to_index = ? and template_id = 'ack-emergency'",
                        String.class,
                        cipher.index(mobile)))
                .isEqualTo("SUPPRESSED");
        // bodies are sealed: the STOP is found by reading them as CareLoop does
        java.sql.Timestamp stopped = engineDb
                .queryForList(
                        "select body, received_at from inbound_message where from_index = ?", cipher.index(mobile))
                .stream()
                .filter(row -> "STOP"
                        .equals(cipher.open(
                                (String) row.get("body"), org.careloop.engine.crypto.PhiCipher.INBOUND_BODY)))
                .map(row -> (java.sql.Timestamp) row.get("received_at"))
                .max(java.util.Comparator.naturalOrder())
                .orElseThrow();
        assertThat(engineDb.queryForObject(
                        "select count(*) from outbound_message where to_index = ? and status in "
                                + "('SENDING', 'SENT', 'DELIVERED') and template_id <> 'opt-out-confirmation' "
                                + "and created_at > ?",
                        Integer.class,
                        cipher.index(mobile),
                        stopped))
                .as("texts after STOP")
                .isZero();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> tasks.createTaskQuery().taskCandidateGroup("nurse").list().stream()
                        // the reply is a sealed variable: read, not queried by value
                        .filter(t -> "my chest hurts".equals(tasks.getVariable(t.getId(), "replyBody")))
                        .anyMatch(t -> cipher.index(mobile)
                                .equals(engineDb.queryForObject(
                                        "select from_index from inbound_message where id = ?",
                                        String.class,
                                        tasks.getVariable(t.getId(), "replyMessageId")))));
    }

    private int inbound(String sid) {
        return engineDb.queryForObject(
                "select count(*) from inbound_message where provider_sid = ?", Integer.class, sid);
    }

    private String inboundId(String sid) {
        return engineDb.queryForObject("select id from inbound_message where provider_sid = ?", String.class, sid);
    }

    /**
     * A patient discharged home an hour ago, enrolled by CareLoop, to whom a check-in has gone out (so that
     * replies from the number match a conversation).
     */
    private String knownPatientWithConversation() {
        String mobile = TestNumbers.unused("+1617555");
        Patient patient = new Patient();
        patient.addName().setFamily("Tester").addGiven("Pat");
        patient.setBirthDate(java.sql.Date.valueOf("1960-01-01"));
        patient.addTelecom()
                .setSystem(ContactPoint.ContactPointSystem.PHONE)
                .setUse(ContactPoint.ContactPointUse.MOBILE)
                .setValue(mobile);
        var ehr = fhirAs("ehr");
        String patientId = ehr.create().resource(patient).execute().getId().getIdPart();
        Encounter stay = new Encounter();
        stay.setStatus(Encounter.EncounterStatus.FINISHED);
        stay.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP", null));
        stay.setSubject(new Reference("Patient/" + patientId));
        stay.setPeriod(
                new Period().setEnd(java.util.Date.from(java.time.Instant.now().minusSeconds(3600))));
        String encounterId = ehr.create().resource(stay).execute().getId().getIdPart();
        awaitOutboxDrained();
        String enrolmentId =
                engineDb.queryForObject("select id from enrolment where encounter_id = ?", String.class, encounterId);
        engineDb.update(
                "insert into outbound_message (id, patient_id, enrolment_id, program, channel, to_number, to_index, "
                        + "template_id, body, status, created_at, updated_at) values (?, ?, ?, 'post-discharge', 'sms', "
                        + "?, ?, 'post-discharge-checkin-1', 'How are you?', 'DELIVERED', current_timestamp, "
                        + "current_timestamp)",
                java.util.UUID.randomUUID().toString(),
                patientId,
                enrolmentId,
                cipher.seal(mobile, org.careloop.engine.crypto.PhiCipher.OUTBOUND_TO),
                cipher.index(mobile));
        return mobile;
    }
}
