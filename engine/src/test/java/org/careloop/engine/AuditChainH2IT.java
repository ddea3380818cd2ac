package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import org.careloop.engine.audit.AuditChain;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The audit trail is append-only in effect: its records are sealed in a hash chain, and the check names a record
 * changed, a record deleted and a head moved, and finds the chain intact once they are put back. The auditor searches
 * the trail by patient and user on a page of their own, and runs the check from it or from a script.
 */
class AuditChainH2IT extends BrowserStackTest {

    @Autowired
    AuditChain chain;

    /** A system reads a new patient over FHIR; the record of that read, sealed. */
    private Map<String, Object> sealedReadOf(String patientId) {
        fhirAs("ehr").read().resource(Patient.class).withId(patientId).execute();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !engineDb.queryForList(
                                "select id from audit_log where patient_id = ? and agent = 'ehr'", patientId)
                        .isEmpty());
        chain.seal();
        return engineDb.queryForMap(
                "select id, chain_seq, resource, recorded_at, agent, patient_id, action, chain_hash from audit_log "
                        + "where patient_id = ? and agent = 'ehr'",
                patientId);
    }

    private HttpRequest verifyAs(String user) {
        return HttpRequest.newBuilder(URI.create(url("/api/audit/verify")))
                .header("Authorization", basic(user))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
    }

    @Test
    void theCheckNamesAChangedRecordADeletedRecordAndAMovedHeadAndPassesOnceTheyArePutBack() {
        Map<String, Object> record = sealedReadOf(patient("+16175580001", "en", p -> {}));
        sealedReadOf(patient("+16175580002", "en", p -> {})); // so that the first is not the last in the chain
        long seq = (Long) record.get("chain_seq");
        String id = (String) record.get("id");
        assertThat(chain.verify().intact()).isTrue();

        engineDb.update(
                "update audit_log set resource = replace(resource, '\"ehr\"', '\"someone-else\"') where id = ?", id);
        AuditChain.Verification changed = chain.verify();
        assertThat(changed.intact()).isFalse();
        assertThat(changed.problems()).containsExactly("record " + seq + " (" + id + ") changed");
        engineDb.update("update audit_log set resource = ? where id = ?", record.get("resource"), id);
        assertThat(chain.verify().intact()).isTrue();

        engineDb.update("delete from audit_log where id = ?", id);
        AuditChain.Verification deleted = chain.verify();
        assertThat(deleted.problems()).containsExactly("record " + seq + " deleted");
        var deletedOverApi = send(verifyAs("auditor"));
        assertThat(deletedOverApi.statusCode()).isEqualTo(409);
        assertThat(deletedOverApi.body()).contains("record " + seq + " deleted");
        engineDb.update(
                "insert into audit_log (id, recorded_at, agent, patient_id, action, resource, chain_seq, chain_hash) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?)",
                id,
                record.get("recorded_at"),
                record.get("agent"),
                record.get("patient_id"),
                record.get("action"),
                record.get("resource"),
                seq,
                record.get("chain_hash"));

        Map<String, Object> head = engineDb.queryForMap("select last_seq, last_hash from audit_chain_head");
        engineDb.update("update audit_chain_head set last_hash = ?", "f".repeat(64));
        assertThat(chain.verify().problems()).contains("the chain's head does not match its last record");
        engineDb.update(
                "update audit_chain_head set last_hash = ? where last_hash = ?", head.get("last_hash"), "f".repeat(64));

        AuditChain.Verification restored = chain.verify();
        assertThat(restored.problems()).isEmpty();
        assertThat(restored.records()).isGreaterThanOrEqualTo(seq);
        assertThat(send(verifyAs("auditor")).statusCode()).isEqualTo(200);
        assertThat(send(verifyAs("admin")).statusCode()).isEqualTo(403);
        assertThat(send(verifyAs("nurse")).statusCode()).isEqualTo(403);
    }

    @Test
    void anAuditorFindsWhoReadAPatientAndChecksTheChainOnTheirPage() {
        String patientId = patient("+16175580003", "en", p -> {});
        sealedReadOf(patientId);

        Page page = browser.signedIn("auditor");
        assertThat(page.url()).endsWith("/audit");
        page.getByLabel("Patient id").fill(patientId);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search"))
                .click();
        page.waitForLoadState();

        var rows = page.locator("#audit tr.audit-row");
        assertThat(rows.count()).isGreaterThanOrEqualTo(1);
        var read = page.locator("#audit tr.audit-row", new Page.LocatorOptions().setHasText("ehr"));
        assertThat(read.first().locator(".patients").textContent()).isEqualTo(patientId);
        assertThat(read.first().locator(".action").textContent()).isEqualTo("read");
        assertThat(page.locator("#audit .patients").allTextContents())
                .allSatisfy(patients -> assertThat(patients).contains(patientId));
        Chromium.assertAccessible(page);

        page.getByLabel("User or system").fill("nobody-at-all");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search"))
                .click();
        page.waitForLoadState();
        assertThat(page.locator("#no-entries").isVisible()).isTrue();

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Check the hash chain"))
                .click();
        page.waitForLoadState();
        assertThat(page.locator("#verdict").textContent()).contains("Intact");
        Chromium.assertAccessible(page);
        page.context().close();

        // the auditor's own search of that patient is on the trail too
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !engineDb.queryForList(
                                "select audit_id from audit_patient p join audit_log l on l.id = p.audit_id "
                                        + "where p.patient_id = ? and l.agent = 'auditor'",
                                patientId)
                        .isEmpty());
        assertThat(get("/audit", "nurse").statusCode()).isEqualTo(403);
    }
}
