package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.careloop.processes.ProcessVariables;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/**
 * Minimum necessary over FHIR for the care team: a nurse reads the record of a patient in her queue and of nobody
 * else; a scheduler reads the patient and the appointments of a patient in his queue, never the replies; the audit
 * trail stays the auditor's.
 */
class CareTeamFhirAccessH2IT extends H2StackTest {

    private static String mobile() {
        return TestNumbers.unused("+1617556");
    }

    @Test
    void aNurseReadsTheRecordOfThePatientInHerQueueAndOfNobodyElse() {
        String mobile = mobile();
        String patientId = patient(mobile, "en", p -> {});
        String stranger = patient(mobile(), "en", p -> {});
        var program = enrolByDischarge(patientId, "post-discharge");
        firstCheckIn(program);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> sent(patientId, "post-discharge-checkin-1").size() == 1);

        assertThat(get("/fhir/Patient/" + patientId, "nurse").statusCode())
                .as("before any follow-up is in her queue")
                .isEqualTo(403);

        replyFrom(mobile, "I have chest pain");
        awaitTask(patientId, "nurse");

        assertThat(get("/fhir/Patient/" + patientId, "nurse").statusCode()).isEqualTo(200);
        var replies = get("/fhir/Communication?subject=Patient/" + patientId, "nurse");
        assertThat(replies.statusCode()).isEqualTo(200);
        assertThat(replies.body()).contains("chest pain");
        assertThat(get("/fhir/Encounter?subject=Patient/" + patientId, "nurse").statusCode())
                .isEqualTo(200);
        assertThat(get("/fhir/Patient/" + stranger, "nurse").statusCode()).isEqualTo(403);
        assertThat(get("/fhir/Communication?subject=Patient/" + stranger, "nurse")
                        .statusCode())
                .isEqualTo(403);
        assertThat(get("/fhir/AuditEvent?patient=Patient/" + patientId, "nurse").statusCode())
                .as("who read the record is the auditor's to review")
                .isEqualTo(403);
        assertThat(postFhir("/fhir/Patient", "nurse", "{\"resourceType\":\"Patient\"}")
                        .statusCode())
                .isEqualTo(403);
        assertThat(get("/fhir/Patient/" + patientId, "scheduler").statusCode())
                .as("the follow-up is the nurses', not the schedulers'")
                .isEqualTo(403);
    }

    @Test
    void aSchedulerReadsThePatientAndAppointmentsInHisQueueButNotTheirReplies() {
        String patientId = patient(mobile(), "en", p -> {});
        Appointment appointment = new Appointment();
        appointment.setStatus(Appointment.AppointmentStatus.BOOKED);
        appointment
                .addParticipant()
                .setActor(new Reference("Patient/" + patientId))
                .setStatus(Appointment.ParticipationStatus.ACCEPTED);
        String appointmentId =
                fhirAs("ehr").create().resource(appointment).execute().getId().getIdPart();
        runtime.startProcessInstanceByKey(
                "careloop-handoff",
                org.camunda.bpm.engine.variable.Variables.createVariables()
                        .putValue(ProcessVariables.HANDOFF_TEAM, "scheduler")
                        .putValue(ProcessVariables.HANDOFF_PRIORITY, 50)
                        .putValue(ProcessVariables.HANDOFF_REASON, "Asks to reschedule")
                        .putValue(ProcessVariables.PATIENT_ID, patientId));
        awaitTask(patientId, "scheduler");

        assertThat(get("/fhir/Patient/" + patientId, "scheduler").statusCode()).isEqualTo(200);
        assertThat(get("/fhir/Appointment/" + appointmentId, "scheduler").statusCode())
                .isEqualTo(200);
        assertThat(get("/fhir/Appointment?actor=Patient/" + patientId, "scheduler")
                        .body())
                .contains(appointmentId);
        assertThat(get("/fhir/Communication?subject=Patient/" + patientId, "scheduler")
                        .statusCode())
                .isEqualTo(403);
        assertThat(get("/fhir/Condition?subject=Patient/" + patientId, "scheduler")
                        .statusCode())
                .isEqualTo(403);
    }
}
