package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

/**
 * The audit trail of access to patients' information: a system's FHIR read, a nurse's task page and a coordinator's
 * look at the consents each leave an entry naming who, from where, which patient and what, exported as a FHIR
 * AuditEvent, also when what it names has been deleted since.
 */
class AuditTrailH2IT extends H2StackTest {

    @org.springframework.beans.factory.annotation.Autowired
    org.careloop.engine.audit.AuditTrail auditTrail;

    private List<Map<String, Object>> entries(String patientId, String agent) {
        return engineDb.queryForList(
                "select id, action, resource from audit_log where patient_id = ? and agent = ?", patientId, agent);
    }

    /** The patient's first check-in answered "I have chest pain": the nurse task. */
    private String chestPainTask(String patientId, String mobile) {
        firstCheckIn(enrolByDischarge(patientId, "post-discharge"));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> sent(patientId, "post-discharge-checkin-1").size() == 1);
        replyFrom(mobile, "I have chest pain");
        return awaitTask(patientId, "nurse").getId();
    }

    private AuditEvent exported(String auditId) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            try {
                daos.getResourceDao(AuditEvent.class)
                        .read(new IdType("AuditEvent", auditId), new SystemRequestDetails());
                return true;
            } catch (ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException notYet) {
                return false;
            }
        });
        return daos.getResourceDao(AuditEvent.class)
                .read(new IdType("AuditEvent", auditId), new SystemRequestDetails());
    }

    @Test
    void aSystemsReadOverFhirIsAuditedWithWhoFromWhereAndWhichPatient() {
        String patientId = patient("+16175570001", "en", p -> {});

        Patient read =
                fhirAs("ehr").read().resource(Patient.class).withId(patientId).execute();
        assertThat(read.getIdElement().getIdPart()).isEqualTo(patientId);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> !entries(patientId, "ehr").isEmpty());
        Map<String, Object> entry = entries(patientId, "ehr").get(0);
        assertThat(entry.get("action")).isEqualTo("R");
        AuditEvent audit = exported((String) entry.get("id"));
        // the user (the EHR's account) as the requestor, and the address the request came from (IHE BALP's shape)
        assertThat(audit.getAgent())
                .anySatisfy(agent -> assertThat(
                                agent.getRequestor()
                                        ? agent.getWho().getIdentifier().getValue()
                                        : null)
                        .isEqualTo("ehr"));
        assertThat(audit.getAgent())
                .anySatisfy(agent -> assertThat(agent.getNetwork().getAddress()).isEqualTo("127.0.0.1"));
        assertThat(audit.getEntity())
                .anySatisfy(e -> assertThat(e.getWhat().getReference()).isEqualTo("Patient/" + patientId));
    }

    @Test
    void theRecordOfDeletingASubscriptionReachesFhirNamingItByIdentifier() {
        var ehr = fhirAs("ehr");
        var subscription = new org.hl7.fhir.r4.model.Subscription();
        subscription.setStatus(org.hl7.fhir.r4.model.Subscription.SubscriptionStatus.OFF);
        subscription.setReason("audit test");
        subscription.setCriteria("Communication?");
        subscription
                .getChannel()
                .setType(org.hl7.fhir.r4.model.Subscription.SubscriptionChannelType.RESTHOOK)
                .setEndpoint("http://127.0.0.1:9/ehr")
                .setPayload("application/fhir+json");
        String id = ehr.create().resource(subscription).execute().getId().getIdPart();
        // the records lane may be exporting the entry of the create, which names the Subscription, in this very
        // moment; the embedded database then refuses the delete as a version conflict (409), which a FHIR client
        // answers by asking again
        await().atMost(java.time.Duration.ofSeconds(10))
                .ignoreException(ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException.class)
                .until(() -> {
                    ehr.delete().resourceById("Subscription", id).execute();
                    return true;
                });
        // the entry of that delete, exported once the delete has committed (as when the records lane is behind)
        AuditEvent entry = new AuditEvent();
        entry.setAction(AuditEvent.AuditEventAction.D);
        entry.addAgent()
                .setRequestor(true)
                .setWho(new org.hl7.fhir.r4.model.Reference()
                        .setIdentifier(new org.hl7.fhir.r4.model.Identifier()
                                .setSystem(org.careloop.engine.audit.AuditTrail.USER_SYSTEM)
                                .setValue("ehr")));
        entry.addEntity().setWhat(new org.hl7.fhir.r4.model.Reference("Subscription/" + id));
        auditTrail.recordAuditEvent(entry);

        AuditEvent exported = exported(entry.getIdElement().getIdPart());
        assertThat(exported.getEntity())
                .singleElement()
                .satisfies(
                        e -> assertThat(e.getWhat().getIdentifier().getValue()).isEqualTo("Subscription/" + id));
    }

    @Test
    void aNurseOpeningATaskPageAndACoordinatorReadingConsentsAreAudited() {
        String patientId = patient("+16175570002", "en", p -> {});
        String taskId = chestPainTask(patientId, "+16175570002");

        Browser nurse = new Browser().signIn("nurse");
        assertThat(nurse.get("/tasks/" + taskId).statusCode()).isEqualTo(200);
        assertThat(get("/api/patients/" + patientId + "/consents", "coordinator")
                        .statusCode())
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> !entries(patientId, "nurse").isEmpty());
        AuditEvent page = exported((String) entries(patientId, "nurse").get(0).get("id"));
        assertThat(page.getSource().getSite()).isEqualTo("task page");
        assertThat(page.getEntity())
                .extracting(e -> e.getWhat().getReference())
                .containsExactly("Patient/" + patientId, "Task/handoff-" + taskId);
        // the read-only page of the finished task is audited too
        nurse.submit("/tasks/" + taskId + "/claim", Map.of());
        nurse.submit("/tasks/" + taskId + "/complete", Map.of("outcome", "reached-patient", "note", "Spoke with her"));
        assertThat(nurse.get("/tasks/" + taskId).body()).contains("Spoke with her");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> entries(patientId, "nurse").stream()
                        .anyMatch(e -> ((String) e.get("resource")).contains("finished task page")));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !entries(patientId, "coordinator").isEmpty());
        assertThat((String) entries(patientId, "coordinator").get(0).get("resource"))
                .contains("consents API");
    }

    @Test
    void theWorklistAndTheDoneListAreAuditedAsViewsOfEveryPatientTheyShow() {
        String patientId = patient("+16175570003", "en", p -> {});
        String taskId = chestPainTask(patientId, "+16175570003");
        Browser nurse = new Browser().signIn("nurse2");

        assertThat(nurse.get("/tasks").body()).contains(taskId);
        nurse.submit("/tasks/" + taskId + "/claim", Map.of());
        nurse.submit("/tasks/" + taskId + "/complete", Map.of("outcome", "reached-patient"));
        assertThat(nurse.get("/tasks/done").body()).contains("Scenario");

        for (String list : List.of("worklist", "done list")) {
            String id = await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> engineDb
                                    .queryForList(
                                            "select id from audit_log where agent = 'nurse2' and resource like ? "
                                                    + "and resource like ?",
                                            String.class,
                                            "%\"site\":\"" + list + "\"%",
                                            "%Patient/" + patientId + "\"%")
                                    .stream()
                                    .findFirst()
                                    .orElse(null),
                            java.util.Objects::nonNull);
            AuditEvent view = exported(id);
            assertThat(view.getSubtypeFirstRep().getCode()).isEqualTo("search-type");
            assertThat(view.getEntity())
                    .extracting(e -> e.getWhat().getReference())
                    .as(list)
                    .contains("Patient/" + patientId);
        }
    }

    @Test
    void callsToTheEngineApiAndFromCockpitAreAuditedWithWhoWhichCallAndTheOutcome() {
        String marker = "audit-" + java.util.UUID.randomUUID();
        assertThat(get("/engine-rest/process-instance?businessKey=" + marker, "analyst")
                        .statusCode())
                .isEqualTo(200);
        String missing = "/engine-rest/process-instance/" + marker;
        assertThat(get(missing, "admin").statusCode()).isEqualTo(404);
        assertThat(get("/camunda/api/engine/engine/default/process-definition/count", "analyst")
                        .statusCode())
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(10))
                .until(() -> engineDb
                        .queryForList(
                                "select resource from audit_log where agent = 'analyst' and resource like ?",
                                String.class,
                                "%GET /engine-rest/process-instance%")
                        .stream()
                        .anyMatch(r -> r.contains("engine REST API")));
        assertThat(engineDb.queryForList(
                        "select resource from audit_log where agent = 'admin' and resource like ?",
                        String.class,
                        "%" + missing + "%"))
                .singleElement()
                .satisfies(r -> assertThat(r).contains("HTTP 404"));
        assertThat(engineDb.queryForList(
                        "select resource from audit_log where agent = 'analyst' and resource like ?",
                        String.class,
                        "%/camunda/api/engine/engine/default/process-definition/count%"))
                .anySatisfy(r -> assertThat(r).contains("Camunda webapps"));
        assertThat(engineDb.queryForList(
                        "select resource from audit_log where resource like ?", String.class, "%businessKey=%"))
                .as("the query string, which may carry values, is not recorded")
                .isEmpty();
    }
}
