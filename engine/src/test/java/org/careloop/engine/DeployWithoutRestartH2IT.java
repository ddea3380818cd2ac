package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Analysts' changes go live without a restart: a changed DMN deployed through the API decides the discharges that
 * come after it and leaves the programs already running alone; an invalid DMN or BPMN is refused with the parser's
 * message while the running version keeps serving; only administrators deploy.
 */
class DeployWithoutRestartH2IT extends H2StackTest {

    private static final String DECISION = "post-discharge-eligibility";

    @AfterEach
    void restoreTheReleasedDecision() throws IOException {
        assertThat(deployDecision("admin", releasedModel()).statusCode()).isEqualTo(201);
    }

    private static String releasedModel() throws IOException {
        try (InputStream in = DeployWithoutRestartH2IT.class.getResourceAsStream(
                "/org/careloop/rules/eligibility/post-discharge-eligibility.dmn")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private HttpResponse<String> deployDecision(String user, String xml) {
        return send(HttpRequest.newBuilder(URI.create(url("/api/decisions/" + DECISION)))
                .header("Authorization", basic(user))
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString(xml))
                .build());
    }

    /** A patient discharged home 30 hours ago; returns the encounter id once the decision is recorded. */
    private String dischargedThirtyHoursAgo() {
        String patientId = patient(TestNumbers.unused("+1617555"), "en", p -> {});
        Instant end = ClockUtil.now().toInstant().minus(Duration.ofHours(30));
        Encounter stay = new Encounter();
        stay.setStatus(Encounter.EncounterStatus.FINISHED);
        stay.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP", null));
        stay.setSubject(new Reference("Patient/" + patientId));
        stay.setPeriod(
                new Period().setStart(Date.from(end.minus(Duration.ofDays(2)))).setEnd(Date.from(end)));
        String encounterId =
                fhirAs("ehr").create().resource(stay).execute().getId().getIdPart();
        await().atMost(Duration.ofSeconds(60)).until(() -> !reasons(encounterId).isEmpty());
        return encounterId;
    }

    private java.util.List<String> reasons(String encounterId) {
        return engineDb.queryForList(
                "select reason from enrolment_decision where encounter_id = ?", String.class, encounterId);
    }

    @Test
    void aChangedDecisionDecidesWhatComesAfterItAndRunningProgramsKeepTheirs() throws IOException {
        String before = dischargedThirtyHoursAgo();
        assertThat(reasons(before))
                .containsExactly("Eligible: adult, alive, recently discharged home, with a number to text or call");

        String stricter = releasedModel()
                .replace("<text>&gt; 48</text>", "<text>&gt; 24</text>")
                .replace("Discharged more than 48 hours ago", "Discharged more than 24 hours ago");
        HttpResponse<String> deployed = deployDecision("admin", stricter);
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(201);
        assertThat(deployed.body()).contains("\"deployedBy\":\"admin\"");

        String after = dischargedThirtyHoursAgo();
        assertThat(reasons(after)).containsExactly("Discharged more than 24 hours ago");
        assertThat(runtime.createProcessInstanceQuery()
                        .processDefinitionKey("program-post-discharge")
                        .processInstanceBusinessKey("post-discharge:" + before)
                        .count())
                .isOne();
        assertThat(reasons(before)).hasSize(1);
        HttpResponse<String> listed = get("/api/decisions", "analyst");
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains(DECISION).contains("\"deployedBy\":\"admin\"");
    }

    @Test
    void aRuleSetThatNoLongerEscalatesAHiddenRedFlagIsRefusedOverTheApiAndADmnSentForItToo() throws IOException {
        String shipped;
        try (InputStream in =
                DeployWithoutRestartH2IT.class.getResourceAsStream("/org/careloop/rules/triage/reply-triage.drl")) {
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String reassured = shipped.replaceAll(
                "(?s)rule \"Reassurance\".*?\nend\n",
                "rule \"Reassurance\"\nwhen\n    ReplyText( )\nthen\n"
                        + "    insert(new TriageDecision(TriageAction.CONTINUE, Severity.NONE, null, 0, \"ack-continue\", "
                        + "List.of(\"fine\")));\nend\n");
        assertThat(reassured).isNotEqualTo(shipped);

        HttpResponse<String> refused = send(HttpRequest.newBuilder(URI.create(url("/api/decisions/reply-triage")))
                .header("Authorization", basic("admin"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(reassured))
                .build());
        HttpResponse<String> wrongKind = send(HttpRequest.newBuilder(URI.create(url("/api/decisions/reply-triage")))
                .header("Authorization", basic("admin"))
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString(releasedModel()))
                .build());

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body())
                .contains("The decision was not deployed")
                .contains("doing great, just some chest pain")
                .doesNotContain("Exception");
        assertThat(wrongKind.statusCode()).as(wrongKind.body()).isEqualTo(400);
        assertThat(get("/api/decisions", "analyst").body()).doesNotContain("reply-triage");
    }

    @Test
    void anInvalidDecisionIsRefusedWithTheParsersMessageAndTheRunningOneKeepsDeciding() throws IOException {
        HttpResponse<String> notXml = deployDecision("admin", "<definitions>not a model");
        HttpResponse<String> badFeel =
                deployDecision("admin", releasedModel().replace("<text>&gt; 48</text>", "<text>&gt; 48 hours</text>"));
        HttpResponse<String> otherModel = deployDecision(
                "admin", releasedModel().replace("name=\"Post-discharge eligibility\"", "name=\"Something else\""));

        for (HttpResponse<String> refused : java.util.List.of(notXml, badFeel, otherModel)) {
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
            assertThat(refused.body()).contains("The decision was not deployed").doesNotContain("Exception");
        }
        assertThat(reasons(dischargedThirtyHoursAgo()))
                .containsExactly("Eligible: adult, alive, recently discharged home, with a number to text or call");
    }

    @Test
    void theCatalogListsProgramsWithTheirActiveInstancesAndDecisionsWithTheirVersions() throws Exception {
        String stay = dischargedThirtyHoursAgo();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> runtime.createProcessInstanceQuery()
                                .processInstanceBusinessKey("post-discharge:" + stay)
                                .count()
                        > 0);

        HttpResponse<String> catalog = get("/api/programs", "analyst");

        assertThat(catalog.statusCode()).isEqualTo(200);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(catalog.body());
        var postDischarge = java.util.stream.StreamSupport.stream(
                        json.get("programs").spliterator(), false)
                .filter(p -> p.get("key").asText().equals("program-post-discharge"))
                .findFirst()
                .orElseThrow();
        assertThat(postDischarge.get("activeInstances").asLong())
                .isEqualTo(runtime.createProcessInstanceQuery()
                        .processDefinitionKey("program-post-discharge")
                        .active()
                        .count())
                .isPositive();
        assertThat(postDischarge.get("cockpit").asText())
                .startsWith("/camunda/app/cockpit/default/#/process-definition/");
        assertThat(json.get("programs").findValuesAsText("key"))
                .contains("program-appointment-reminder", "program-pre-procedure", "program-chronic-checkin");
        assertThat(json.get("decisions").findValuesAsText("decisionId"))
                .contains(DECISION, "appointment-program", "chronic-enrolment", "reading-thresholds");
        assertThat(get("/api/programs", "nurse").statusCode()).isEqualTo(403);
    }

    @Test
    void onlyAdministratorsDeployDecisions() throws IOException {
        assertThat(deployDecision("analyst", releasedModel()).statusCode()).isEqualTo(403);
        assertThat(deployDecision("nurse", releasedModel()).statusCode()).isEqualTo(403);
        assertThat(get("/api/decisions", "nurse").statusCode()).isEqualTo(403);
        assertThat(send(HttpRequest.newBuilder(URI.create(url("/api/decisions/no-such-decision")))
                                .header("Authorization", basic("admin"))
                                .header("Content-Type", "application/xml")
                                .POST(HttpRequest.BodyPublishers.ofString(releasedModel()))
                                .build())
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void anInvalidProcessModelIsRefusedAndTheRunningVersionKeepsServing() throws IOException {
        long versions = repository
                .createProcessDefinitionQuery()
                .processDefinitionKey("program-post-discharge")
                .count();
        String broken;
        try (InputStream in = getClass().getResourceAsStream("/bpmn/program-post-discharge.bpmn")) {
            broken = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("<bpmn:endEvent id=\"endProgram\"", "<bpmn:endEvent id=\"endProgram\" bogus");
        }

        HttpResponse<String> refused = deployModel("admin", "program-post-discharge.bpmn", broken);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("The model was not deployed");
        assertThat(repository
                        .createProcessDefinitionQuery()
                        .processDefinitionKey("program-post-discharge")
                        .count())
                .isEqualTo(versions);
        String stay = dischargedThirtyHoursAgo();
        assertThat(reasons(stay))
                .containsExactly("Eligible: adult, alive, recently discharged home, with a number to text or call");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> runtime.createProcessInstanceQuery()
                                .processDefinitionKey("program-post-discharge")
                                .processInstanceBusinessKey("post-discharge:" + stay)
                                .count()
                        == 1);
    }

    @org.springframework.beans.factory.annotation.Autowired
    private org.camunda.bpm.engine.RepositoryService repository;
}
