package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.careloop.engine.channels.sms.TwilioSignature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The probe's findings, each closed: code execution, privilege escalation, history, FHIR, sizes, lockout, demo. */
@ExtendWith(OutputCaptureExtension.class)
class CriticalSecurityH2IT extends H2StackTest {

    @Autowired
    RepositoryService repository;

    @Autowired
    IdentityService identity;

    @Autowired
    ca.uhn.fhir.jpa.api.dao.DaoRegistry daos;

    // ---- 1. code execution through process models

    @Test
    void deploymentPathRefusesAnExpressionThatReachesRuntime() {
        String key = "probe-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> response = deploy(
                "admin",
                key + ".bpmn",
                model(
                        key,
                        "<bpmn:serviceTask id=\"run\" name=\"Run\" camunda:expression=\"${''.getClass().forName('java.lang.Runtime')"
                                + ".getRuntime().exec('touch /tmp/careloop-probe')}\" />"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("InvalidModel").contains("reflection");
        assertThat(repository
                        .createProcessDefinitionQuery()
                        .processDefinitionKey(key)
                        .count())
                .isZero();
    }

    @Test
    void deploymentPathRefusesScriptTasks() {
        String key = "probe-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> response = deploy(
                "admin",
                key + ".bpmn",
                model(
                        key,
                        "<bpmn:scriptTask id=\"run\" name=\"Run\" scriptFormat=\"javascript\"><bpmn:script>1</bpmn:script></bpmn:scriptTask>"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("scripts are turned off");
        assertThat(repository
                        .createProcessDefinitionQuery()
                        .processDefinitionKey(key)
                        .count())
                .isZero();
    }

    @Test
    void adminDeploysACheckedModelAndTheOperationLogSaysWho() {
        String key = "clean-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> response =
                deploy("admin", key + ".bpmn", model(key, "<bpmn:userTask id=\"run\" name=\"Review\" />"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(repository
                        .createProcessDefinitionQuery()
                        .processDefinitionKey(key)
                        .count())
                .isOne();
        String deploymentId = repository
                .createProcessDefinitionQuery()
                .processDefinitionKey(key)
                .singleResult()
                .getDeploymentId();
        assertThat(history.createUserOperationLogQuery()
                        .entityType(EntityTypes.DEPLOYMENT)
                        .deploymentId(deploymentId)
                        .userId("admin")
                        .count())
                .isPositive();
    }

    @Test
    void engineRefusesReflectionAtRunTimeEvenInAModelThatGotIn(@org.junit.jupiter.api.io.TempDir Path dir) {
        Path marker = dir.resolve("ran");
        String key = "bypass-" + UUID.randomUUID().toString().substring(0, 8);
        repository
                .createDeployment()
                .addString(
                        key + ".bpmn",
                        model(
                                key,
                                "<bpmn:serviceTask id=\"run\" name=\"Run\" camunda:expression=\"${''.getClass().forName('java.lang.Runtime')"
                                        + ".getRuntime().exec('touch " + marker + "')}\" />"))
                .deploy();

        assertThatThrownBy(() -> runtime.startProcessInstanceByKey(key))
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("Expression refused");
        assertThat(Files.exists(marker)).isFalse();
    }

    @Test
    void engineRunsNoScriptsAndExposesNoApplicationBeans() {
        String scripted = "script-" + UUID.randomUUID().toString().substring(0, 8);
        repository
                .createDeployment()
                .addString(
                        scripted + ".bpmn",
                        model(
                                scripted,
                                "<bpmn:scriptTask id=\"run\" name=\"Run\" scriptFormat=\"groovy\"><bpmn:script>1</bpmn:script></bpmn:scriptTask>"))
                .deploy();
        String beans = "beans-" + UUID.randomUUID().toString().substring(0, 8);
        repository
                .createDeployment()
                .addString(
                        beans + ".bpmn",
                        model(
                                beans,
                                "<bpmn:serviceTask id=\"run\" name=\"Run\" camunda:expression=\"${engineJdbc.update('delete from enrolment')}\" />"))
                .deploy();

        assertThatThrownBy(() -> runtime.startProcessInstanceByKey(scripted))
                .hasMessageContaining("Scripts are turned off");
        assertThatThrownBy(() -> runtime.startProcessInstanceByKey(beans))
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining("engineJdbc");
    }

    // ---- 2. privilege escalation and 3. audit

    @Test
    void onlyAdminManagesUsersAndAPasswordChangeNeedsTheAdminsOwnPassword() {
        String user = "temp" + UUID.randomUUID().toString().substring(0, 8);
        String create = "{\"profile\":{\"id\":\"" + user + "\",\"firstName\":\"T\",\"lastName\":\"U\"},"
                + "\"credentials\":{\"password\":\"Initial-Pass-1234\"}}";
        assertThat(engineRest("POST", "/engine-rest/user/create", "analyst", create)
                        .statusCode())
                .isEqualTo(403);
        assertThat(engineRest("POST", "/engine-rest/user/create", "admin", create)
                        .statusCode())
                .isEqualTo(204);
        try {
            HttpResponse<String> wrong = engineRest(
                    "PUT",
                    "/engine-rest/user/" + user + "/credentials",
                    "admin",
                    "{\"password\":\"Changed-Pass-1234\",\"authenticatedUserPassword\":\"not-my-password\"}");
            HttpResponse<String> right = engineRest(
                    "PUT",
                    "/engine-rest/user/" + user + "/credentials",
                    "admin",
                    "{\"password\":\"Changed-Pass-1234\",\"authenticatedUserPassword\":\"demo\"}");

            assertThat(wrong.statusCode()).isEqualTo(400);
            assertThat(right.statusCode()).isEqualTo(204);
            assertThat(identity.checkPassword(user, "Changed-Pass-1234")).isTrue();
            assertThat(history.createUserOperationLogQuery()
                            .entityType(EntityTypes.USER)
                            .userId("admin")
                            .count())
                    .isPositive();
        } finally {
            identity.deleteUser(user);
        }
    }

    @Test
    void failedSignInIsLoggedWithTheAccountButNotWhatWasTyped(CapturedOutput output) {
        get("/fhir/metadata", null);
        send(HttpRequest.newBuilder(URI.create(url("/engine-rest/deployment")))
                .header(
                        "Authorization",
                        "Basic " + java.util.Base64.getEncoder().encodeToString("analyst:Secret-Typo-77".getBytes()))
                .GET()
                .build());
        send(HttpRequest.newBuilder(URI.create(url("/engine-rest/deployment")))
                .header(
                        "Authorization",
                        "Basic " + java.util.Base64.getEncoder().encodeToString("Jane Q Patient:pw".getBytes()))
                .GET()
                .build());

        assertThat(output.getOut())
                .contains("Sign-in failed for account 'analyst'")
                .contains("Sign-in failed for an unknown account")
                .doesNotContain("Secret-Typo-77")
                .doesNotContain("Jane Q Patient");
    }

    // ---- 4. FHIR and 5. Subscriptions

    @Test
    void wildcardIncludesAreRefused() {
        assertThat(get("/fhir/Patient?_revinclude=*", "ehr").statusCode()).isEqualTo(400);
        assertThat(get("/fhir/Encounter?_include=*", "ehr").statusCode()).isEqualTo(400);
        assertThat(get("/fhir/Encounter?_include=Encounter:*", "ehr").statusCode())
                .isEqualTo(400);
        assertThat(get("/fhir/Encounter?_include=Encounter:subject", "ehr").statusCode())
                .isEqualTo(200);
    }

    @Test
    void subscriptionToAnEndpointOffTheAllowListIsRefusedAloneAndInATransaction() {
        String evil =
                "{\"resourceType\":\"Subscription\",\"status\":\"requested\",\"reason\":\"r\",\"criteria\":\"Communication?\","
                        + "\"channel\":{\"type\":\"rest-hook\",\"endpoint\":\"https://collector.invalid/x\",\"header\":[\"X-A: b\"]}}";
        String bundle = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"resource\":" + evil
                + ",\"request\":{\"method\":\"POST\",\"url\":\"Subscription\"}}]}";
        String before = subscriptionCount();

        HttpResponse<String> alone = postFhir("/fhir/Subscription", "ehr", evil);
        HttpResponse<String> inTransaction = postFhir("/fhir", "ehr", bundle);
        HttpResponse<String> byAdmin = postFhir("/fhir/Subscription", "admin", evil);

        assertThat(alone.statusCode()).isEqualTo(422);
        assertThat(alone.body()).contains("OperationOutcome").contains("allow-list");
        assertThat(inTransaction.statusCode()).isEqualTo(422);
        assertThat(byAdmin.statusCode()).isEqualTo(422);
        assertThat(subscriptionCount()).isEqualTo(before);
    }

    @Test
    void careLoopsOwnCarePlanCannotBeChangedOverTheApiButTheEhrWritesItsOwn() {
        String patient = postFhir("/fhir/Patient", "ehr", "{\"resourceType\":\"Patient\"}")
                .headers()
                .firstValue("Location")
                .orElseThrow()
                .replaceAll(".*/Patient/([^/]+)/.*", "$1");
        org.hl7.fhir.r4.model.CarePlan ours = new org.hl7.fhir.r4.model.CarePlan();
        ours.setId("enrolment-" + UUID.randomUUID());
        ours.setStatus(org.hl7.fhir.r4.model.CarePlan.CarePlanStatus.ACTIVE)
                .setIntent(org.hl7.fhir.r4.model.CarePlan.CarePlanIntent.PLAN)
                .setSubject(new org.hl7.fhir.r4.model.Reference("Patient/" + patient));
        daos.getResourceDao(org.hl7.fhir.r4.model.CarePlan.class)
                .update(
                        org.careloop.fhir.security.CareLoopRecords.mark(ours),
                        new ca.uhn.fhir.rest.api.server.SystemRequestDetails());
        String id = ours.getIdElement().getIdPart();
        String changed =
                "{\"resourceType\":\"CarePlan\",\"id\":\"" + id + "\",\"status\":\"revoked\",\"intent\":\"plan\","
                        + "\"subject\":{\"reference\":\"Patient/" + patient + "\"}}";
        String theirs = "{\"resourceType\":\"CarePlan\",\"status\":\"active\",\"intent\":\"plan\","
                + "\"subject\":{\"reference\":\"Patient/" + patient + "\"}}";
        String forged = theirs.replace(
                "{\"resourceType\":\"CarePlan\",",
                "{\"resourceType\":\"CarePlan\",\"meta\":{\"tag\":[{\"system\":\""
                        + org.careloop.fhir.security.CareLoopRecords.ORIGIN_SYSTEM + "\",\"code\":\"careloop\"}]},");

        HttpResponse<String> update = send(HttpRequest.newBuilder(URI.create(url("/fhir/CarePlan/" + id)))
                .header("Authorization", basic("ehr"))
                .header("Content-Type", "application/fhir+json")
                .PUT(HttpRequest.BodyPublishers.ofString(changed))
                .build());
        HttpResponse<String> delete = send(HttpRequest.newBuilder(URI.create(url("/fhir/CarePlan/" + id)))
                .header("Authorization", basic("ehr"))
                .DELETE()
                .build());

        assertThat(update.statusCode()).isEqualTo(403);
        assertThat(delete.statusCode()).isEqualTo(403);
        assertThat(postFhir("/fhir/CarePlan", "ehr", theirs).statusCode()).isEqualTo(201);
        assertThat(postFhir("/fhir/CarePlan", "ehr", forged).statusCode()).isEqualTo(403);
        assertThat(get("/fhir/CarePlan/" + id, "ehr").body()).contains("\"status\":\"active\"");
    }

    @Test
    void parseWarningsNameTheFieldNotTheValue(CapturedOutput output) {
        HttpResponse<String> response = postFhir(
                "/fhir/Patient",
                "ehr",
                "{\"resourceType\":\"Patient\",\"gender\":\"Qwertzuiop-Marker\",\"name\":[{\"family\":\"Asdfghjkl-Marker\"}]}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(output.getOut()).doesNotContain("Qwertzuiop-Marker").doesNotContain("Asdfghjkl-Marker");
    }

    // ---- 6. request size

    @Test
    void oversizedFhirBodyIsRefusedBeforeItIsRead() {
        String response = raw(
                InetAddress.getLoopbackAddress(),
                "POST /fhir/Patient HTTP/1.1\r\nHost: localhost\r\n"
                        + "Authorization: " + basic("ehr") + "\r\nContent-Type: application/fhir+json\r\n"
                        + "Content-Length: 250000000\r\n\r\n{\"resourceType\":\"Patient\"");

        assertThat(response)
                .startsWith("HTTP/1.1 413")
                .contains("OperationOutcome")
                .contains("max-request-size");
    }

    // ---- 7. nobody can lock out an account

    @Test
    void failuresFromOneAddressDoNotLockTheAccountForOthers() throws Exception {
        InetAddress attacker = InetAddress.getByName("127.0.0.2");
        String last = "";
        for (int i = 0; i < 12; i++) {
            last = raw(attacker, request("ehr", "wrong-" + i));
        }
        String attackerWithRightPassword = raw(attacker, request("ehr", "demo"));
        HttpResponse<String> integration = get("/fhir/metadata", "ehr");

        assertThat(last).startsWith("HTTP/1.1 429");
        assertThat(attackerWithRightPassword).startsWith("HTTP/1.1 429");
        assertThat(integration.statusCode()).isEqualTo(200);
        assertThat(identity.checkPassword("ehr", "demo")).isTrue();
    }

    @Test
    void guessingAClientSecretAtTheTokenEndpointIsThrottledForThatAddressOnly() throws Exception {
        InetAddress guesser = InetAddress.getByName("127.0.0.3");
        java.util.function.Function<String, String> tokenRequest = secret -> {
            String form = "grant_type=client_credentials&scope=system%2FCommunication.read";
            return "POST /oauth2/token HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length() + "\r\n"
                    + "Authorization: Basic "
                    + java.util.Base64.getEncoder()
                            .encodeToString(("ehr-outcomes:" + secret).getBytes(StandardCharsets.UTF_8))
                    + "\r\n\r\n" + form;
        };
        String first = raw(guesser, tokenRequest.apply("guess-0"));
        for (int i = 1; i < 5; i++) {
            raw(guesser, tokenRequest.apply("guess-" + i));
        }
        String rightSecretFromTheGuesser = raw(guesser, tokenRequest.apply("outcomes-demo"));

        assertThat(first).startsWith("HTTP/1.1 401");
        assertThat(rightSecretFromTheGuesser).startsWith("HTTP/1.1 429").contains("Retry-After: 60");
        assertThat(requestToken("ehr-outcomes", "outcomes-demo", "system/Communication.read")
                        .statusCode())
                .as("the client from its own address")
                .isEqualTo(200);
    }

    @Test
    void webhooksWithBadSignaturesAreThrottledForThatAddressWhileTheProvidersSignedOnesGoThrough() throws Exception {
        InetAddress forger = InetAddress.getByName("127.0.0.4");
        String path = "/webhooks/twilio/status";
        Map<String, String> params = Map.of("MessageSid", newMessageSid(), "MessageStatus", "delivered");
        java.util.function.Function<String, String> webhookRequest = signature -> {
            String form = form(params);
            return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                    + form.getBytes(StandardCharsets.UTF_8).length + "\r\n"
                    + "X-Twilio-Signature: " + signature + "\r\n\r\n" + form;
        };
        String first = raw(forger, webhookRequest.apply("forged-0"));
        for (int i = 1; i < 20; i++) {
            raw(forger, webhookRequest.apply("forged-" + i));
        }
        String throttled = raw(forger, webhookRequest.apply("forged-20"));

        assertThat(first).startsWith("HTTP/1.1 403");
        assertThat(throttled).startsWith("HTTP/1.1 429").contains("Retry-After: 900");
        assertThat(webhook(path, params, TwilioSignature.sign(AUTH_TOKEN, url(path), params))
                        .statusCode())
                .as("the provider, signing correctly from its own address")
                .isEqualTo(200);
    }

    // ---- 8. demo provider

    @Test
    void simulatedProviderCallsBackOnlyThisServer() {
        String auth =
                "Basic " + java.util.Base64.getEncoder().encodeToString((ACCOUNT_SID + ":" + AUTH_TOKEN).getBytes());
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                        URI.create(url("/simulator/twilio/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json")))
                .header("Authorization", auth)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of(
                        "To",
                        "+16175550123",
                        "From",
                        OUR_NUMBER,
                        "Body",
                        "hi",
                        "StatusCallback",
                        "http://127.0.0.1:9/steal"))))
                .build());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("21609");
    }

    @Test
    void receiptForAnUnknownMessageIsRecordedOnceAndNotRetried() {
        String sid = newMessageSid();
        Map<String, String> params = Map.of("MessageSid", sid, "MessageStatus", "delivered", "AccountSid", ACCOUNT_SID);
        String path = "/webhooks/twilio/status";

        HttpResponse<String> response = webhook(path, params, TwilioSignature.sign(AUTH_TOKEN, url(path), params));

        assertThat(response.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> engineDb.queryForObject(
                                "select count(*) from delivery_receipt_unmatched where provider_sid = ?",
                                Integer.class,
                                sid)
                        == 1);
        awaitOutboxDrained();
        assertThat(engineDb.queryForList(
                        "select status, attempts from outbox_event where kind = 'sms-status' and ordering_key = ?",
                        sid))
                .singleElement()
                .satisfies(row -> {
                    assertThat(row.get("STATUS")).isEqualTo("DONE");
                    assertThat(((Number) row.get("ATTEMPTS")).intValue()).isEqualTo(1);
                });
    }

    // ---- 9. browser hardening

    @Test
    void pagesCarryAContentSecurityPolicyAndTheSessionCookieIsLax() {
        HttpResponse<String> page = get("/login", null);

        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp)
                        .contains("default-src 'self'")
                        .contains("script-src 'self'")
                        .contains("object-src 'none'"));
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("strict-origin-when-cross-origin");
        assertThat(page.headers().firstValue("Strict-Transport-Security")).isEmpty();
        assertThat(page.headers().allValues("Set-Cookie"))
                .anySatisfy(c -> assertThat(c)
                        .startsWith("JSESSIONID")
                        .contains("SameSite=Lax")
                        .contains("HttpOnly")
                        .doesNotContain("Secure"));
    }

    @Test
    void behindTlsPagesAddHstsAndTheSessionCookieIsSecure() {
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(url("/login")))
                .header("X-Forwarded-Proto", "https")
                .GET()
                .build());

        assertThat(page.headers().firstValue("Strict-Transport-Security")).isPresent();
        assertThat(page.headers().allValues("Set-Cookie"))
                .anySatisfy(c -> assertThat(c).contains("Secure"));
    }

    @Test
    void noOpenApiEndpointAndNoInternalMessages() {
        HttpResponse<String> docs = get("/v3/api-docs", "admin");

        assertThat(docs.statusCode()).isEqualTo(404);
        assertThat(docs.body()).doesNotContain("Exception").doesNotContain("\"message\":\"");
    }

    // ---- helpers

    private String subscriptionCount() {
        HttpResponse<String> count = get("/fhir/Subscription?_summary=count", "admin");
        assertThat(count.statusCode()).isEqualTo(200);
        java.util.regex.Matcher total =
                java.util.regex.Pattern.compile("\"total\":(\\d+)").matcher(count.body());
        assertThat(total.find()).as(count.body()).isTrue();
        return total.group(1);
    }

    private static String model(String key, String task) {
        return org.careloop.engine.deployment.TestModels.withTask(key, task);
    }

    private HttpResponse<String> deploy(String user, String fileName, String xml) {
        return deployModel(user, fileName, xml);
    }

    private HttpResponse<String> engineRest(String method, String path, String user, String json) {
        return send(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Authorization", basic(user))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    private static String request(String user, String password) {
        return "GET /fhir/metadata HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nAuthorization: Basic "
                + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))
                + "\r\n\r\n";
    }

    /** One HTTP exchange over a socket bound to the given local address; returns the status line and headers and body. */
    private String raw(InetAddress from, String request) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port()), 5000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[65536];
            StringBuilder answer = new StringBuilder();
            int read;
            while ((read = in.read(buffer)) > 0) {
                answer.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                if (answer.indexOf("\r\n\r\n") > 0 && answer.length() > 40 && complete(answer)) {
                    break;
                }
            }
            return answer.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean complete(StringBuilder answer) {
        int headerEnd = answer.indexOf("\r\n\r\n");
        String headers = answer.substring(0, headerEnd).toLowerCase();
        java.util.regex.Matcher length =
                java.util.regex.Pattern.compile("content-length: (\\d+)").matcher(headers);
        if (length.find()) {
            return answer.length() - headerEnd - 4 >= Integer.parseInt(length.group(1));
        }
        return headers.contains("transfer-encoding: chunked") ? answer.indexOf("\r\n0\r\n\r\n") > 0 : false;
    }
}
