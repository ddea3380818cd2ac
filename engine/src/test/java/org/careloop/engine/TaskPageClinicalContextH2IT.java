package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.careloop.forms.simulator.PhoneSimulator;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The task page's clinical context, read from the FHIR facade: a nurse sees the diagnoses of the stay and the
 * medications active now beside the patient's reply; a scheduler, working an appointment, sees neither.
 */
class TaskPageClinicalContextH2IT extends H2StackTest {

    @Autowired
    PhoneSimulator phones;

    private void medication(
            String patientId, String medicine, String dosage, MedicationRequest.MedicationRequestStatus status) {
        MedicationRequest request = new MedicationRequest();
        request.setStatus(status);
        request.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        request.setSubject(new Reference("Patient/" + patientId));
        request.setMedication(new CodeableConcept().setText(medicine));
        request.addDosageInstruction().setText(dosage);
        fhirAs("ehr").create().resource(request).execute();
    }

    @Test
    void aNurseSeesTheStaysDiagnosesAndTheActiveMedicationsBesideTheReply() {
        String mobile = TestNumbers.unused("+1617553");
        String patientId = patient(mobile, "en", p -> {});
        var program = enrolByDischarge(patientId, "post-discharge");
        String encounterId = program.getBusinessKey().substring("post-discharge:".length());
        Condition failure = new Condition();
        failure.setSubject(new Reference("Patient/" + patientId));
        failure.setEncounter(new Reference("Encounter/" + encounterId));
        failure.setCode(new CodeableConcept(new Coding("http://snomed.info/sct", "84114007", "Heart failure")));
        fhirAs("ehr").create().resource(failure).execute();
        medication(
                patientId,
                "Furosemide 40 mg tablet",
                "One tablet by mouth every morning",
                MedicationRequest.MedicationRequestStatus.ACTIVE);
        medication(
                patientId, "Ibuprofen 400 mg tablet", "As needed", MedicationRequest.MedicationRequestStatus.STOPPED);
        firstCheckIn(program);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> sent(patientId, "post-discharge-checkin-1").size() == 1);
        replyFrom(mobile, "I have chest pain");
        var task = awaitTask(patientId, "nurse");

        String page =
                new Browser().signIn("nurse").get("/tasks/" + task.getId()).body();

        assertThat(page)
                .contains("Diagnoses of the stay")
                .contains("Heart failure")
                .contains("Furosemide 40 mg tablet — One tablet by mouth every morning")
                .doesNotContain("Ibuprofen");
    }

    @Test
    void aSchedulerWorkingAnAppointmentSeesNoDiagnosesOrMedications() {
        Booking booking = landlinePatientBooked("en");
        medication(
                booking.patientId(),
                "Metformin 500 mg tablet",
                "Twice a day",
                MedicationRequest.MedicationRequestStatus.ACTIVE);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> phones.phones().stream()
                        .anyMatch(p ->
                                p.number().equals(booking.phone()) && !p.keys().isEmpty()));
        phones.press(booking.phone(), "2"); // reschedule: a scheduler takes it up
        var task = awaitTask(booking.patientId(), "scheduler");

        String page =
                new Browser().signIn("scheduler").get("/tasks/" + task.getId()).body();

        assertThat(page)
                .contains(task.getName())
                .doesNotContain("Active medications")
                .doesNotContain("Metformin");
    }
}
