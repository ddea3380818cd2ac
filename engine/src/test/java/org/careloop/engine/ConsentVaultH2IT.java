package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.hl7.fhir.r4.model.Consent;
import org.junit.jupiter.api.Test;

/**
 * The consent vault: every grant and revocation per patient, channel and purpose, with its evidence, exported as FHIR
 * {@code Consent}; STOP and STOPALL revoke at once, START gives texts back; a program that meets a refusal ends as
 * {@code no-consent} through its model; the care team and the EHR read and record consents over the API.
 */
class ConsentVaultH2IT extends H2StackTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String mobile() {
        return TestNumbers.unused("+1617559");
    }

    private JsonNode consents(String patientId, String user) throws Exception {
        HttpResponse<String> response = get("/api/patients/" + patientId + "/consents", user);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String decision(JsonNode consents, String channel, String purpose) {
        for (JsonNode row : consents.get("state")) {
            if (row.get("channel").asText().equals(channel)
                    && row.get("purpose").asText().equals(purpose)) {
                return row.get("decision").asText();
            }
        }
        throw new AssertionError("no " + channel + "/" + purpose + " in " + consents);
    }

    private HttpResponse<String> record(String patientId, String user, String json) {
        return send(HttpRequest.newBuilder(URI.create(url("/api/patients/" + patientId + "/consents")))
                .header("Authorization", basic(user))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    private List<Consent> fhirConsents(String patientId) {
        return daos
                .getResourceDao(Consent.class)
                .search(
                        new ca.uhn.fhir.jpa.searchparam.SearchParameterMap()
                                .setLoadSynchronous(true)
                                .add(
                                        Consent.SP_PATIENT,
                                        new ca.uhn.fhir.rest.param.ReferenceParam("Patient/" + patientId)),
                        new SystemRequestDetails())
                .getAllResources()
                .stream()
                .map(Consent.class::cast)
                .toList();
    }

    @Test
    void stopRevokesTextsForEveryPurposeWithItsEvidenceAndLeavesOtherChannelsAsTheyWere() throws Exception {
        String mobile = mobile();
        String patientId = patient(mobile, "en", p -> {});
        firstCheckIn(enrolByDischarge(patientId, "post-discharge"));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> sent(patientId, "post-discharge-checkin-1").size() == 1);
        assertThat(decision(consents(patientId, "nurse"), "sms", "care")).isEqualTo("permit");

        replyFrom(mobile, "STOP");

        JsonNode after = consents(patientId, "nurse");
        assertThat(decision(after, "sms", "care")).isEqualTo("deny");
        assertThat(decision(after, "sms", "appointment")).isEqualTo("deny");
        assertThat(decision(after, "email", "care")).isEqualTo("permit");
        JsonNode evidence = after.get("history").get(0);
        assertThat(evidence.get("source").asText()).isEqualTo("keyword");
        assertThat(evidence.get("contact").asText()).isEqualTo(mobile);
        assertThat(evidence.get("words").asText()).isEqualTo("STOP");
        assertThat(evidence.get("inboundMessageId").asText()).isNotBlank();

        await().atMost(Duration.ofSeconds(60))
                .until(() -> fhirConsents(patientId).size() == 1);
        Consent consent = fhirConsents(patientId).get(0);
        assertThat(consent.getStatus()).isEqualTo(Consent.ConsentState.ACTIVE);
        assertThat(consent.getProvision().getType()).isEqualTo(Consent.ConsentProvisionType.DENY);
        assertThat(consent.getProvision().getPurpose()).isEmpty();
        assertThat(((org.hl7.fhir.r4.model.Coding) consent.getProvision()
                                .getExtensionByUrl("https://careloop.org/fhir/StructureDefinition/contact-channel")
                                .getValue())
                        .getCode())
                .isEqualTo("SMSWRIT");
        assertThat(new String(consent.getSourceAttachment().getData(), StandardCharsets.UTF_8))
                .isEqualTo("STOP");
        assertThat(consent.getPolicyRule().getCodingFirstRep().getCode()).isEqualTo("OPTOUT");
    }

    @Test
    void stopAllRevokesEveryChannelAndStartGivesBackTextsOnly() throws Exception {
        String mobile = mobile();
        String patientId = patient(mobile, "en", p -> {});
        firstCheckIn(enrolByDischarge(patientId, "post-discharge"));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> sent(patientId, "post-discharge-checkin-1").size() == 1);

        replyFrom(mobile, "STOPALL");
        JsonNode stopped = consents(patientId, "nurse");
        assertThat(decision(stopped, "sms", "care")).isEqualTo("deny");
        assertThat(decision(stopped, "email", "appointment")).isEqualTo("deny");
        assertThat(decision(stopped, "voice", "care")).isEqualTo("deny");

        replyFrom(mobile, "START");
        JsonNode restarted = consents(patientId, "nurse");
        assertThat(decision(restarted, "sms", "care")).isEqualTo("permit");
        assertThat(decision(restarted, "email", "care")).isEqualTo("deny");
        assertThat(restarted.get("history")).hasSize(2);

        // both still decide something (STOPALL every channel but texts), so both Consents stay active
        await().atMost(Duration.ofSeconds(60))
                .until(() -> fhirConsents(patientId).size() == 2
                        && fhirConsents(patientId).stream()
                                .allMatch(c -> c.getStatus() == Consent.ConsentState.ACTIVE));
    }

    @Test
    void aRevocationRecordedByStaffEndsTheProgramAsNoConsentBeforeAnythingIsSent() throws Exception {
        String patientId = patient(mobile(), "en", p -> {});
        HttpResponse<String> revoked = record(
                patientId,
                "nurse",
                // every channel: a refused text alone would be followed by a call, the next channel
                "{\"channel\":\"all\",\"purpose\":\"care\",\"decision\":\"deny\","
                        + "\"words\":\"Asked at the bedside for no messages or calls about her care\"}");
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(201);
        JsonNode entry = JSON.readTree(revoked.body());
        assertThat(entry.get("source").asText()).isEqualTo("staff");
        assertThat(entry.get("recordedBy").asText()).isEqualTo("nurse");
        assertThat(entry.get("contact").asText()).isNotBlank();

        var program = firstCheckIn(enrolByDischarge(patientId, "post-discharge"));

        await().atMost(Duration.ofSeconds(60))
                .until(() -> engineDb.queryForObject(
                                "select count(*) from enrolment where patient_id = ? and outcome = 'no-consent'",
                                Integer.class,
                                patientId)
                        == 1);
        assertThat(engineDb.queryForMap(
                        "select status, status_detail from outbound_message where patient_id = ? and template_id = ?",
                        patientId,
                        "post-discharge-checkin-1"))
                .containsEntry("STATUS", "SUPPRESSED")
                .containsEntry("STATUS_DETAIL", "No consent to text the patient for care");
        assertThat(runtime.createProcessInstanceQuery()
                        .processInstanceId(program.getId())
                        .count())
                .isZero();
        // appointments were not part of what she refused
        assertThat(decision(consents(patientId, "nurse"), "sms", "appointment")).isEqualTo("permit");
        awaitOutboxDrained();
        assertThat(sent(patientId, "post-discharge-checkin-1")).isEmpty();
    }

    @Test
    void marketingNeedsAGrantAndARequestThatCannotBeRecordedIsRefusedAndChangesNothing() throws Exception {
        String patientId = patient(mobile(), "en", p -> {});
        JsonNode before = consents(patientId, "nurse");
        assertThat(decision(before, "email", "marketing")).isEqualTo("deny");
        assertThat(decision(before, "email", "billing")).isEqualTo("deny");
        assertThat(decision(before, "email", "care")).isEqualTo("permit");

        HttpResponse<String> fax =
                record(patientId, "nurse", "{\"channel\":\"fax\",\"purpose\":\"care\",\"decision\":\"deny\"}");
        assertThat(fax.statusCode()).isEqualTo(400);
        assertThat(fax.body()).contains("channel must be one of");
        HttpResponse<String> maybe =
                record(patientId, "nurse", "{\"channel\":\"sms\",\"purpose\":\"care\",\"decision\":\"maybe\"}");
        assertThat(maybe.statusCode()).isEqualTo(400);
        HttpResponse<String> garbled = record(patientId, "nurse", "{\"channel\": \"sms\", ");
        assertThat(garbled.statusCode()).isEqualTo(400);
        assertThat(garbled.body()).contains("The body must be a JSON object").doesNotContain("Exception");
        assertThat(record(
                                "no-such-patient",
                                "nurse",
                                "{\"channel\":\"sms\",\"purpose\":\"care\",\"decision\":\"deny\"}")
                        .statusCode())
                .isEqualTo(404);
        assertThat(record(patientId, "admin", "{\"channel\":\"sms\",\"purpose\":\"care\",\"decision\":\"deny\"}")
                        .statusCode())
                .isEqualTo(403);
        assertThat(get("/api/patients/" + patientId + "/consents", "analyst").statusCode())
                .isEqualTo(403);
        assertThat(consents(patientId, "nurse").get("history")).isEmpty();

        HttpResponse<String> granted = record(
                patientId,
                "ehr",
                "{\"channel\":\"email\",\"purpose\":\"marketing\",\"decision\":\"permit\","
                        + "\"words\":\"Signed the newsletter form at registration\"}");
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
        assertThat(JSON.readTree(granted.body()).get("source").asText()).isEqualTo("ehr");
        JsonNode after = consents(patientId, "coordinator");
        assertThat(decision(after, "email", "marketing")).isEqualTo("permit");
        assertThat(decision(after, "sms", "marketing")).isEqualTo("deny");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> fhirConsents(patientId).stream()
                        .anyMatch(c -> c.getProvision().getType() == Consent.ConsentProvisionType.PERMIT
                                && c.getProvision()
                                        .getPurposeFirstRep()
                                        .getCode()
                                        .equals("marketing")));
    }
}
