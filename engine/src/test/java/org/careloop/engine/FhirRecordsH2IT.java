package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import java.util.UUID;
import org.careloop.engine.fhir.FhirRecords;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** CareLoop's own records: written together all or none, and written whatever a model left out. */
class FhirRecordsH2IT extends H2StackTest {

    @Autowired
    FhirRecords records;

    private static Communication about(String patientId, String words) {
        Communication communication = new Communication();
        communication.setId("records-" + UUID.randomUUID());
        communication.setStatus(Communication.CommunicationStatus.COMPLETED);
        communication.setSubject(new Reference("Patient/" + patientId));
        communication.addPayload().setContent(new StringType(words));
        return communication;
    }

    private boolean stored(Communication communication) {
        try {
            daos.getResourceDao(Communication.class)
                    .read(new IdType("Communication", communication.getIdPart()), new SystemRequestDetails());
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    private String storedWords(Communication communication) {
        return daos.getResourceDao(Communication.class)
                .read(new IdType("Communication", communication.getIdPart()), new SystemRequestDetails())
                .getPayloadFirstRep()
                .getContentStringType()
                .getValue();
    }

    @Test
    void recordsWrittenTogetherAreAllStoredAndOneRefusedLeavesNoneOfThem() {
        String patientId = patient("+16175550142", "en", p -> {});
        Communication first = about(patientId, "first");
        Communication second = about(patientId, "second");

        records.saveAll(List.of(first, second));

        assertThat(storedWords(first)).isEqualTo("first");
        assertThat(storedWords(second)).isEqualTo("second");

        Communication fine = about(patientId, "fine");
        Communication dangling = about("no-such-patient-" + UUID.randomUUID(), "refused");
        assertThatThrownBy(() -> records.saveAll(List.of(fine, dangling)))
                .as("a reference to a patient the server does not hold is refused")
                .isInstanceOf(RuntimeException.class);
        assertThat(stored(fine))
                .as("and the record written before it in the same call is not kept")
                .isFalse();
        assertThat(stored(dangling)).isFalse();
    }

    @Test
    void recordsWrittenAsNewAreStoredAndABatchHoldingOneThatExistsIsRefusedWhole() {
        String patientId = patient("+16175550143", "en", p -> {});
        Communication first = about(patientId, "first");
        Communication second = about(patientId, "second");

        records.saveAllNew(List.of(first, second));

        assertThat(storedWords(first)).isEqualTo("first");
        assertThat(storedWords(second)).isEqualTo("second");

        Communication again = about(patientId, "first, again");
        again.setId(first.getIdPart());
        Communication third = about(patientId, "third");
        assertThatThrownBy(() -> records.saveAllNew(List.of(third, again)))
                .as("an id the server holds is not written over as if it were new")
                .isInstanceOf(RuntimeException.class);
        assertThat(stored(third)).as("and nothing of that batch is kept").isFalse();
        assertThat(storedWords(first)).isEqualTo("first");
    }

    @Test
    void aHandoffOfAProcessWithNoPatientIsRecordedAsATaskForNoOne() {
        String taskId = UUID.randomUUID().toString();
        java.time.Instant now = java.time.Instant.now();

        records.recordHandoff(new org.careloop.engine.fhir.HandoffSnapshot(
                taskId,
                "Review the list",
                null,
                null,
                "nurse",
                null,
                50,
                "Asked by the model",
                "requested",
                null,
                null,
                now,
                now));

        org.hl7.fhir.r4.model.Task task = daos.getResourceDao(org.hl7.fhir.r4.model.Task.class)
                .read(new IdType("Task", "handoff-" + taskId), new SystemRequestDetails());
        assertThat(task.hasFor()).isFalse();
        assertThat(task.getDescription()).isEqualTo("Asked by the model");
    }
}
