package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.junit.jupiter.api.Test;

/**
 * Emergency access ("break the glass"): a nurse of another department opens a patient outside her queues by record
 * number and a stated reason, reads the patient's page and FHIR record until the access ends, everything she reads is
 * on the audit trail as break-the-glass, and the auditor reviews the access with its reason. Refusals keep what was
 * typed and open nothing.
 */
class EmergencyAccessH2IT extends BrowserStackTest {

    private static Page.GetByRoleOptions named(String name) {
        return new Page.GetByRoleOptions().setName(name);
    }

    /** A main-department patient with this record number whose reply raised a nurse's handoff; the patient's id. */
    private String mainPatientWithAHandoff(String mrn) {
        String taskId = handoff("I have chest pain", p -> {
            p.getNameFirstRep().setFamily("Glassbreak");
            p.addIdentifier()
                    .setType(new CodeableConcept(
                            new Coding("http://terminology.hl7.org/CodeSystem/v2-0203", "MR", "Medical record number")))
                    .setSystem("urn:oid:1.2.36.146.595.217.0.1")
                    .setValue(mrn);
        });
        return (String) tasks.getVariable(taskId, "patientId");
    }

    private int fhirStatus(String patientId, String user) {
        return get("/fhir/Patient/" + patientId, user).statusCode();
    }

    @Test
    void aNurseOfAnotherDepartmentOpensAPatientInAnEmergencyAndTheAuditorReviewsWhy() {
        String mrn = "MRN-" + UUID.randomUUID().toString().substring(0, 8);
        String patientId = mainPatientWithAHandoff(mrn);
        Page page = browser.signedIn("heart-nurse");

        assertThat(page.navigate("/patients/" + patientId).status()).isEqualTo(403);
        assertThat(page.getByRole(AriaRole.ALERT).textContent()).contains("not in your queues");
        assertThat(fhirStatus(patientId, "heart-nurse")).isEqualTo(403);

        page.getByLabel("Medical record number").fill(mrn);
        page.getByLabel("Why you need this patient's record now")
                .fill("Patient called the cardiology ward with chest pain; main team unreachable");
        page.getByRole(AriaRole.BUTTON, named("Open the record")).click();
        page.waitForURL("**/patients/" + patientId);

        assertThat(page.locator("h1").textContent()).isEqualTo("Pat Glassbreak");
        assertThat(page.locator("#emergency").innerText()).startsWith("Emergency access, until ");
        assertThat(page.locator("#patient").textContent()).contains(mrn);
        assertThat(page.locator(".transcript").textContent()).contains("I have chest pain");
        assertThat(page.locator("#open-tasks").textContent()).contains("nurse");
        Chromium.assertAccessible(page);
        assertThat(fhirStatus(patientId, "heart-nurse"))
                .as("her FHIR reads follow the same access")
                .isEqualTo(200);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .until(() -> engineDb.queryForObject(
                                "select count(*) from audit_log where agent = 'heart-nurse' and patient_id = ?"
                                        + " and action = 'R' and resource like '%\"BTG\"%'"
                                        + " and resource like '%restful-interaction%read%' and resource not like"
                                        + " '%patient page%'",
                                Integer.class, patientId)
                        > 0);

        assertThat(engineDb.queryForObject(
                        "select reason from emergency_access where user_name = ? and patient_id = ?",
                        String.class,
                        "heart-nurse",
                        patientId))
                .as("the reason is sealed at rest")
                .startsWith("enc1:")
                .doesNotContain("cardiology");
        assertThat(engineDb.queryForList(
                        "select resource from audit_log where agent = ? and patient_id = ?",
                        String.class,
                        "heart-nurse",
                        patientId))
                .as("the access itself, the page view and the FHIR read, all as break-the-glass")
                .filteredOn(r -> r.contains("\"BTG\""))
                .hasSizeGreaterThanOrEqualTo(3)
                .noneMatch(r -> r.contains("cardiology ward"));

        // the privacy office is told at once: who and when, with the review page, but no patient and no reason
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> privacyOfficeEmails().stream().anyMatch(text -> text.contains(" opened a patient's")));
        String notice = privacyOfficeEmails().get(privacyOfficeEmails().size() - 1);
        assertThat(notice)
                .contains("heart-nurse opened a patient's record outside their queues")
                .contains("http://localhost:" + PORT + "/audit/emergency")
                .doesNotContain(mrn)
                .doesNotContain(patientId)
                .doesNotContain("Glassbreak")
                .doesNotContain("cardiology ward");

        Page review = browser.signedIn("auditor");
        review.navigate("/audit");
        review.getByRole(AriaRole.LINK, named("Emergency accesses")).click();
        review.waitForURL("**/audit/emergency");
        var row = review.locator(".grant-row")
                .filter(new com.microsoft.playwright.Locator.FilterOptions().setHasText(patientId));
        assertThat(row.locator(".who").textContent()).isEqualTo("heart-nurse");
        assertThat(row.locator(".reason").textContent())
                .isEqualTo("Patient called the cardiology ward with chest pain; main team unreachable");
        Chromium.assertAccessible(review);

        // the access ends: the page and FHIR close again
        engineDb.update(
                "update emergency_access set expires_at = ? where patient_id = ?",
                java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(60)),
                patientId);
        assertThat(page.navigate("/patients/" + patientId).status()).isEqualTo(403);
        assertThat(fhirStatus(patientId, "heart-nurse")).isEqualTo(403);
    }

    @Test
    void nothingOpensWithoutAReasonAKnownRecordNumberAndAClinicalRole() {
        String mrn = "MRN-" + UUID.randomUUID().toString().substring(0, 8);
        String patientId = mainPatientWithAHandoff(mrn);
        Page page = browser.signedIn("heart-nurse");
        page.navigate("/emergency-access");

        page.getByLabel("Medical record number").fill(mrn);
        page.getByLabel("Why you need this patient's record now").fill("          ");
        var refused = page.waitForNavigation(
                () -> page.getByRole(AriaRole.BUTTON, named("Open the record")).click());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(page.getByRole(AriaRole.ALERT).textContent()).contains("Say why");
        assertThat(page.getByLabel("Medical record number").inputValue())
                .as("what was typed is kept")
                .isEqualTo(mrn);

        page.getByLabel("Why you need this patient's record now").fill("Patient called about chest pain");
        page.getByLabel("Medical record number").fill("MRN-NOBODY");
        refused = page.waitForNavigation(
                () -> page.getByRole(AriaRole.BUTTON, named("Open the record")).click());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(page.getByRole(AriaRole.ALERT).textContent())
                .isEqualTo("No patient has the medical record number MRN-NOBODY.");
        assertThat(page.getByLabel("Why you need this patient's record now").inputValue())
                .isEqualTo("Patient called about chest pain");
        assertThat(engineDb.queryForObject(
                        "select count(*) from emergency_access where user_name = 'heart-nurse' and patient_id = ?",
                        Integer.class,
                        patientId))
                .isZero();

        assertThat(new Browser().signIn("scheduler").get("/emergency-access").statusCode())
                .as("not a clinical role")
                .isEqualTo(403);
        Browser nurse = new Browser().signIn("nurse");
        nurse.get("/emergency-access");
        assertThat(nurse.submit("/emergency-access", Map.of("mrn", mrn, "reason", "x".repeat(20)))
                        .statusCode())
                .as("a nurse of the patient's own department may, too")
                .isEqualTo(302);
        Page own = browser.signedIn("nurse");
        assertThat(own.navigate("/patients/" + patientId).status()).isEqualTo(200);
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.careloop.engine.channels.email.SimulatedMailServer mailServer;

    /** The texts of the emails the privacy office received, oldest first. */
    private java.util.List<String> privacyOfficeEmails() {
        java.util.List<String> texts = new java.util.ArrayList<>();
        for (var message : mailServer.received()) {
            try {
                if (message.getAllRecipients()[0].toString().equals("privacy@springfield-general.example")) {
                    texts.add(message.getSubject() + "\n" + message.getContent());
                }
            } catch (jakarta.mail.MessagingException | java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return texts;
    }
}
