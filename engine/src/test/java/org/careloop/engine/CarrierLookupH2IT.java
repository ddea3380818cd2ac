package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/**
 * Contact validation by the carrier, through the simulated Twilio Lookup v2 over HTTP: a "mobile" on file that the
 * carrier calls a landline is never texted, a coordinator is asked to fix the record, and the patient's next
 * message is a call; a number out of service is marked invalid and nothing is sent to it.
 */
class CarrierLookupH2IT extends H2StackTest {

    private void book(String patientId, Duration ahead) {
        Instant start = ClockUtil.now().toInstant().plus(ahead).truncatedTo(ChronoUnit.MINUTES);
        Appointment appointment = new Appointment();
        appointment.setStatus(Appointment.AppointmentStatus.BOOKED);
        appointment.setStart(Date.from(start));
        appointment.setEnd(Date.from(start.plus(Duration.ofMinutes(30))));
        appointment.addParticipant().setActor(new Reference("Patient/" + patientId));
        fhirAs("ehr").create().resource(appointment).execute();
    }

    private List<String> reminders(String patientId) {
        return engineDb.queryForList(
                "select channel || ' ' || status from outbound_message where patient_id = ? "
                        + "and template_id = 'appointment-reminder' order by created_at",
                String.class,
                patientId);
    }

    @Test
    void aMobileTheCarrierCallsALandlineIsNotTextedACoordinatorFixesItAndTheNextReminderIsACall() {
        String patientId = patient(LANDLINE, "en", p -> {});

        book(patientId, Duration.ofHours(50));

        await().atMost(Duration.ofSeconds(60)).until(() -> reminders(patientId).equals(List.of("sms INVALID_CONTACT")));
        var task = awaitTask(patientId, "care-coordinator");
        assertThat(String.valueOf(runtime.getVariable(task.getProcessInstanceId(), "handoffReason")))
                .contains("landline");
        assertThat(engineDb.queryForObject(
                        "select status_detail from outbound_message where patient_id = ?", String.class, patientId))
                .contains("landline");

        book(patientId, Duration.ofHours(60));

        await().atMost(Duration.ofSeconds(60))
                .until(() -> reminders(patientId).size() == 2
                        && reminders(patientId).get(1).matches("voice (SENT|DELIVERED)"));
    }

    @Test
    void aNumberOutOfServiceIsMarkedInvalidAndNothingIsSentToIt() {
        String patientId = patient(DISCONNECTED, "en", p -> {});

        book(patientId, Duration.ofHours(50));

        await().atMost(Duration.ofSeconds(60)).until(() -> reminders(patientId).equals(List.of("sms INVALID_CONTACT")));
        assertThat(engineDb.queryForObject(
                        "select count(*) from contact_invalid where contact_index = ?",
                        Integer.class,
                        cipher.index(DISCONNECTED)))
                .isEqualTo(1);
        awaitTask(patientId, "care-coordinator");
    }
}
