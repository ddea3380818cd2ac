package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.time.Duration;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/**
 * Two departments side by side on one CareLoop (the demo profile's second department, "cardiology", serves the
 * Organization "heart-center"): a patient's programs and handoffs carry the department of the Organization that
 * manages the patient's record, its messages speak in that department's name, and each department's staff see only
 * its handoffs.
 */
class DepartmentsH2IT extends H2StackTest {

    private static final String HEART_CENTER = "heart-center";

    private String patientOf(String organizationId) {
        if (organizationId != null) {
            Organization organization = new Organization();
            organization.setId(organizationId);
            organization.setName("Heart center");
            daos.getResourceDao(Organization.class).update(organization, new SystemRequestDetails());
        }
        String mobile = TestNumbers.unused("+1617557");
        return patient(mobile, "en", p -> {
            if (organizationId != null) {
                p.setManagingOrganization(new Reference("Organization/" + organizationId));
            }
        });
    }

    /** The numbers the provider (the simulator's Messages API) saw the patient's messages come from. */
    private java.util.List<String> senders(String patientId) throws Exception {
        String mobile = firstContactOf(patientId);
        var listed = send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                url("/simulator/twilio/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json?To="
                                        + java.net.URLEncoder.encode(mobile, java.nio.charset.StandardCharsets.UTF_8))))
                        .header(
                                "Authorization",
                                "Basic "
                                        + java.util.Base64.getEncoder()
                                                .encodeToString((ACCOUNT_SID + ":" + AUTH_TOKEN)
                                                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                        .build())
                .body();
        return new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(listed)
                .get("messages")
                .findValuesAsText("from");
    }

    /** Discharges the patient, lets the first check-in go out, answers it with a red flag: the nurse task. */
    private Task redFlagHandoff(String patientId) {
        ProcessInstance program = enrolByDischarge(patientId, "post-discharge");
        ProcessInstance checkIn = firstCheckIn(program);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> sent(patientId, "post-discharge-checkin-1").size() == 1);
        String mobile = cipher.open(
                engineDb.queryForObject(
                        "select to_number from outbound_message where patient_id = ? and template_id = ?",
                        String.class,
                        patientId,
                        "post-discharge-checkin-1"),
                org.careloop.engine.crypto.PhiCipher.OUTBOUND_TO);
        replyFrom(mobile, "I have chest pain");
        var task = awaitTask(patientId, "nurse");
        assertThat(checkIn.getTenantId()).isEqualTo(program.getTenantId());
        return task;
    }

    @Test
    void theHeartCentersPatientIsInItsDepartmentHearsItsNameFromOneNumberOfItsPoolAndOnlyItsNurseSeesTheHandoff()
            throws Exception {
        String patientId = patientOf(HEART_CENTER);

        Task handoff = redFlagHandoff(patientId);

        assertThat(runtime.createProcessInstanceQuery()
                        .variableValueEquals("patientId", patientId)
                        .list())
                .isNotEmpty()
                .allMatch(instance -> "cardiology".equals(instance.getTenantId()));
        assertThat(handoff.getTenantId()).isEqualTo("cardiology");
        assertThat(sent(patientId, "post-discharge-checkin-1").get(0))
                .contains("Springfield Heart Center")
                .contains("(555) 010-0200");
        // one number of the department's pool, the same for the check-in and the answer to the reply
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(senders(patientId)).hasSizeGreaterThanOrEqualTo(2));
        assertThat(new java.util.HashSet<>(senders(patientId)))
                .hasSize(1)
                .isSubsetOf("+16175550200", "+16175550201", "+16175550202");

        Browser heartNurse = new Browser().signIn("heart-nurse");
        Browser nurse = new Browser().signIn("nurse");
        assertThat(heartNurse.get("/tasks").body()).contains(handoff.getId());
        assertThat(heartNurse.get("/tasks/" + handoff.getId()).statusCode()).isEqualTo(200);
        assertThat(nurse.get("/tasks").body()).doesNotContain(handoff.getId());
        assertThat(nurse.get("/tasks/" + handoff.getId()).statusCode()).isEqualTo(404);
    }

    @Test
    void aPatientOfNoListedOrganizationIsInTheDefaultDepartmentAndItsNurseSeesTheHandoff() throws Exception {
        String patientId = patientOf(null);

        Task handoff = redFlagHandoff(patientId);

        assertThat(handoff.getTenantId()).isEqualTo("main");
        assertThat(senders(patientId)).containsOnly(OUR_NUMBER);
        assertThat(sent(patientId, "post-discharge-checkin-1").get(0)).doesNotContain("Springfield Heart Center");
        assertThat(new Browser().signIn("nurse").get("/tasks").body()).contains(handoff.getId());
        assertThat(new Browser().signIn("heart-nurse").get("/tasks").body()).doesNotContain(handoff.getId());
    }
}
