package org.careloop.engine.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import java.time.Duration;
import java.util.List;
import org.careloop.engine.H2StackTest;
import org.hl7.fhir.r4.model.AuditEvent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Audit entries reach FHIR once each, whether their batch is new or exported again after it was. */
class AuditExportH2IT extends H2StackTest {

    @Autowired
    AuditTrail trail;

    @Autowired
    AuditExport export;

    private String viewed(String patientId) {
        List<String> before = ids(patientId);
        trail.viewed("nurse", "127.0.0.1", patientId, null, "patient page");
        return ids(patientId).stream()
                .filter(id -> !before.contains(id))
                .findFirst()
                .orElseThrow();
    }

    private List<String> ids(String patientId) {
        return engineDb.queryForList("select id from audit_log where patient_id = ?", String.class, patientId);
    }

    private List<AuditEvent> stored(String auditId) {
        return daos
                .getResourceDao(AuditEvent.class)
                .search(SearchParameterMap.newSynchronous("_id", new TokenParam(auditId)), new SystemRequestDetails())
                .getAllResources()
                .stream()
                .map(AuditEvent.class::cast)
                .toList();
    }

    @Test
    void aBatchExportedAgainAfterItsExportCommittedIsWrittenAgainAndEachEntryIsStoredOnce() {
        String patientId = patient("+16175570031", "en", p -> {});
        String first = viewed(patientId);
        String second = viewed(patientId);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> stored(first).size() == 1 && stored(second).size() == 1);

        // as when the records lane claims the batch again because its node stopped after the export committed
        export.handleAll(List.of(new AuditRecorded(first), new AuditRecorded(second)));

        assertThat(stored(first))
                .singleElement()
                .satisfies(audit -> assertThat(audit.getEntity())
                        .anySatisfy(e -> assertThat(e.getWhat().getReference()).isEqualTo("Patient/" + patientId)));
        assertThat(stored(second))
                .singleElement()
                .satisfies(audit -> assertThat(audit.getAgent())
                        .anySatisfy(agent -> assertThat(
                                        agent.getRequestor() ? agent.getWho().getDisplay() : null)
                                .isEqualTo("nurse")));
    }
}
