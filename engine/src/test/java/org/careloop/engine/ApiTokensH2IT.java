package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

/**
 * API clients get OAuth2 client-credentials bearer tokens from the built-in authorization server and use them on the
 * FHIR API, within their role and their SMART scopes; a wrong secret, a scope not granted and an altered token get
 * nothing.
 */
class ApiTokensH2IT extends H2StackTest {

    @Test
    void anEhrGetsATokenByClientCredentialsAndReadsAndWritesFhirWithIt() {
        HttpResponse<String> issued = requestToken("ehr", "demo", "system/*.read system/*.write");
        assertThat(issued.statusCode()).isEqualTo(200);
        assertThat(issued.body()).contains("\"token_type\":\"Bearer\"").contains("\"expires_in\":");
        String token = bearerToken("ehr", "demo", "system/*.read system/*.write");

        Patient patient = new Patient();
        patient.addName().setFamily("Tokenholder");
        String id = fhirWithToken(token)
                .create()
                .resource(patient)
                .execute()
                .getId()
                .getIdPart();
        Patient read =
                fhirWithToken(token).read().resource(Patient.class).withId(id).execute();

        assertThat(read.getNameFirstRep().getFamily()).isEqualTo("Tokenholder");
        // the audit trail names the client
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !engineDb.queryForList(
                                "select id from audit_log where patient_id = ? and agent = 'ehr' and action = 'R'", id)
                        .isEmpty());
        assertThat(getWithToken("/fhir/Communication", token).statusCode()).isEqualTo(200);
        assertThat(getWithToken("/engine-rest/process-definition", token).statusCode())
                .as("an EHR client's token opens no engine API")
                .isEqualTo(403);
    }

    @Test
    void aTokensScopesNarrowWhatItsRoleAllows() {
        String outcomes = bearerToken("ehr-outcomes", "outcomes-demo", "system/Communication.read system/Task.read");

        assertThat(getWithToken("/fhir/Communication", outcomes).statusCode()).isEqualTo(200);
        assertThat(getWithToken("/fhir/Task", outcomes).statusCode()).isEqualTo(200);
        assertThat(getWithToken("/fhir/Patient", outcomes).statusCode()).isEqualTo(403);
        assertThat(getWithToken("/fhir/Observation", outcomes).statusCode()).isEqualTo(403);
        HttpResponse<String> write = send(HttpRequest.newBuilder(URI.create(url("/fhir/Patient")))
                .header("Authorization", "Bearer " + outcomes)
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"Patient\"}"))
                .build());
        assertThat(write.statusCode()).isEqualTo(403);

        // a token asked for with fewer of the client's scopes carries only those: reading, not writing
        String readOnly = bearerToken("ehr", "demo", "system/*.read");
        assertThat(getWithToken("/fhir/Patient", readOnly).statusCode()).isEqualTo(200);
        HttpResponse<String> readOnlyWrite = send(HttpRequest.newBuilder(URI.create(url("/fhir/Patient")))
                .header("Authorization", "Bearer " + readOnly)
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"Patient\"}"))
                .build());
        assertThat(readOnlyWrite.statusCode()).isEqualTo(403);
    }

    @Test
    void aWrongSecretAScopeNotGrantedAndAnAlteredTokenGetNothing() {
        assertThat(requestToken("ehr", "not-the-secret", "system/*.read").statusCode())
                .isEqualTo(401);
        HttpResponse<String> beyond = requestToken("ehr-outcomes", "outcomes-demo", "system/Patient.write");
        assertThat(beyond.statusCode()).isEqualTo(400);
        assertThat(beyond.body()).contains("invalid_scope");

        String token = bearerToken("ehr", "demo", "system/*.read");
        String altered = token.substring(0, token.length() - 4) + (token.endsWith("AAAA") ? "BBBB" : "AAAA");
        HttpResponse<String> refused = getWithToken("/fhir/Patient", altered);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(h -> assertThat(h).contains("invalid_token"));
        assertThat(refused.body()).contains("OperationOutcome").doesNotContain("Exception");
        assertThat(getWithToken("/fhir/Patient", "not-a-token").statusCode()).isEqualTo(401);
    }
}
