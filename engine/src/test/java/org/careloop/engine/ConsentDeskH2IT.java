package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.time.Duration;
import java.util.UUID;
import org.careloop.engine.consent.ConsentVault;
import org.careloop.engine.consent.ContactChannel;
import org.careloop.engine.consent.ContactPurpose;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The front desk's work in a real browser: a registration clerk signs in, lands on the consent desk (the only page
 * their role opens), finds the patient in front of them by medical record number, and records in the patient's words
 * that they want no more texts: the vault holds it with the clerk's name as evidence and it takes effect at once; a
 * decision without the patient's words, and a number nobody has, get a clear answer and record nothing.
 */
class ConsentDeskH2IT extends BrowserStackTest {

    @Autowired
    ConsentVault vault;

    private String patientWithMrn(String mrn) {
        String mobile = TestNumbers.unused("+1617553");
        return patient(mobile, "en", p -> {
            p.getNameFirstRep().setFamily("Deskwell");
            p.addIdentifier()
                    .setType(new CodeableConcept(
                            new Coding("http://terminology.hl7.org/CodeSystem/v2-0203", "MR", "Medical record number")))
                    .setSystem("urn:oid:1.2.36.146.595.217.0.1")
                    .setValue(mrn);
        });
    }

    private static Page.GetByRoleOptions named(String name) {
        return new Page.GetByRoleOptions().setName(name);
    }

    /**
     * Fills in and sends the desk's form: the patient refuses texts for every purpose, in these words. Returns the
     * answer to the form's request (a redirect is followed to the page it leads to).
     */
    private static com.microsoft.playwright.Response refuseTexts(Page page, String words) {
        page.getByLabel("Channel").selectOption("sms");
        page.getByLabel("Purpose").selectOption("all");
        page.getByLabel("refuses").check();
        page.getByLabel("What the patient said, in their words").fill(words);
        com.microsoft.playwright.Response answer = page.waitForNavigation(
                () -> page.getByRole(AriaRole.BUTTON, named("Record")).click());
        page.waitForLoadState();
        return answer;
    }

    @Test
    void aClerkFindsThePatientByRecordNumberAndRecordsInTheirWordsThatTheyWantNoMoreTexts() {
        String mrn = "MRN-" + UUID.randomUUID().toString().substring(0, 8);
        String patientId = patientWithMrn(mrn);
        assertThat(vault.permits(patientId, ContactChannel.SMS, ContactPurpose.CARE))
                .isTrue();

        Page page = browser.signedIn("frontdesk");

        assertThat(page.url()).endsWith("/consents");
        assertThat(page.getByRole(AriaRole.NAVIGATION, named("Main")).innerText())
                .contains("Consent desk")
                .doesNotContain("Tasks")
                .doesNotContain("Patient phone simulator");
        Chromium.assertAccessible(page);
        page.getByLabel("Medical record number").fill(mrn);
        page.getByRole(AriaRole.BUTTON, named("Find")).click();
        page.waitForLoadState();
        assertThat(page.url()).endsWith("/consents/" + patientId);
        assertThat(page.locator("h1").innerText()).contains("Deskwell");
        assertThat(page.locator("#consent-state tr[data-channel=sms] td[data-purpose=care]")
                        .innerText())
                .isEqualTo("Yes (implied)");
        Chromium.assertAccessible(page);

        // without the patient's words: nothing recorded
        assertThat(refuseTexts(page, " ").status()).isEqualTo(400);
        assertThat(page.getByRole(AriaRole.ALERT).innerText()).contains("in their words");
        assertThat(vault.history(patientId)).isEmpty();

        refuseTexts(page, "Please stop texting me, call my daughter");

        assertThat(page.getByRole(AriaRole.STATUS).innerText())
                .isEqualTo("Recorded: the patient refuses sms for every purpose.");
        assertThat(page.locator("#consent-state tr[data-channel=sms] td[data-purpose=care]")
                        .innerText())
                .isEqualTo("No");
        assertThat(page.locator("#consent-state tr[data-channel=voice] td[data-purpose=care]")
                        .innerText())
                .as("the other channels as they were")
                .isEqualTo("Yes (implied)");
        assertThat(page.locator("#consent-history .words").first().innerText())
                .isEqualTo("Please stop texting me, call my daughter");
        assertThat(vault.permits(patientId, ContactChannel.SMS, ContactPurpose.CARE))
                .as("in effect at once")
                .isFalse();
        assertThat(vault.history(patientId)).singleElement().satisfies(r -> {
            assertThat(r.source()).isEqualTo("in person");
            assertThat(r.recordedBy()).isEqualTo("frontdesk");
            assertThat(r.words()).isEqualTo("Please stop texting me, call my daughter");
        });
        await().atMost(Duration.ofSeconds(10))
                .until(() -> engineDb.queryForObject(
                                "select count(*) from audit_log where agent = 'frontdesk' and patient_id = ?",
                                Integer.class,
                                patientId)
                        > 0);
    }

    @Test
    void aRecordNumberNobodyHasIsSaidSoAndOtherPagesStayClosedToTheFrontDesk() {
        Page page = browser.signedIn("frontdesk");
        page.getByLabel("Medical record number")
                .fill("NOBODY-" + UUID.randomUUID().toString().substring(0, 8));
        page.getByRole(AriaRole.BUTTON, named("Find")).click();
        page.waitForLoadState();

        assertThat(page.getByRole(AriaRole.ALERT).innerText()).contains("No patient has the medical record number");
        assertThat(page.navigate("/tasks").status()).isEqualTo(403);
        assertThat(page.navigate("/camunda/app/cockpit/default/").status()).isEqualTo(403);
    }
}
