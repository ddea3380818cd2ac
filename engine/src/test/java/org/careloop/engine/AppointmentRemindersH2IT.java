package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/**
 * Appointment reminders end to end: the EHR books an Appointment over FHIR's REST API, the patient gets a reminder
 * that states the time, and each reply intent (C, R, X, a red flag) reaches FHIR, the patient and the right queue;
 * the EHR's reschedule, cancellation and no-show move or end the reminders and are the recorded outcome.
 */
class AppointmentRemindersH2IT extends H2StackTest {

    private record Booking(String patientId, String mobile, String appointmentId) {}

    /** A patient and an appointment 50 hours ahead: the 72-hour reminder is already due and goes out at once. */
    private Booking book() {
        return book(Duration.ofHours(50), false, "appointment-reminder");
    }

    private Booking book(Duration ahead, boolean procedure, String firstTemplate) {
        String mobile = TestNumbers.unused("+1617555");
        String patientId = patient(mobile, "en", p -> {});
        Instant start = ClockUtil.now().toInstant().plus(ahead).truncatedTo(ChronoUnit.MINUTES);
        Appointment appointment = new Appointment();
        appointment.setStatus(Appointment.AppointmentStatus.BOOKED);
        appointment.setStart(Date.from(start));
        appointment.setEnd(Date.from(start.plus(Duration.ofMinutes(30))));
        appointment
                .addParticipant()
                .setActor(new Reference("Patient/" + patientId))
                .setStatus(Appointment.ParticipationStatus.NEEDSACTION);
        if (procedure) {
            org.hl7.fhir.r4.model.ServiceRequest order = new org.hl7.fhir.r4.model.ServiceRequest();
            order.setStatus(org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus.ACTIVE);
            order.setIntent(org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestIntent.ORDER);
            order.setSubject(new Reference("Patient/" + patientId));
            order.getCode().setText("Colonoscopy");
            String orderId =
                    fhirAs("ehr").create().resource(order).execute().getId().getIdPart();
            appointment.addBasedOn(new Reference("ServiceRequest/" + orderId));
        }
        String appointmentId =
                fhirAs("ehr").create().resource(appointment).execute().getId().getIdPart();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> sent(patientId, firstTemplate).size() == 1);
        return new Booking(patientId, mobile, appointmentId);
    }

    private void reply(Booking booking, String text) {
        replyFrom(booking.mobile(), text);
    }

    private Appointment appointment(Booking booking) {
        return appointment(booking.appointmentId());
    }

    private String outcome(Booking booking) {
        return engineDb.queryForObject(
                "select outcome from appointment_reminder where appointment_id = ?",
                String.class,
                booking.appointmentId());
    }

    @Test
    void theReminderStatesTheTimeAndAConfirmationIsWrittenToTheAppointment() {
        Booking booking = book();
        assertThat(sent(booking.patientId(), "appointment-reminder").get(0))
                .contains("you have an appointment on")
                .contains("Reply C to confirm");

        reply(booking, "C");

        await().atMost(Duration.ofSeconds(60))
                .until(() -> sent(booking.patientId(), "appointment-confirmed").size() == 1);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> appointment(booking).getParticipantFirstRep().getStatus()
                        == Appointment.ParticipationStatus.ACCEPTED);
        assertThat(appointment(booking).getStatus()).isEqualTo(Appointment.AppointmentStatus.BOOKED);
        assertThat(tasks.createTaskQuery()
                        .processInstanceBusinessKey("appointment-reminder:" + booking.appointmentId())
                        .count())
                .isZero();
    }

    @Test
    void aProcedureGetsInstructionsAndAConfirmationCoversConsentAndRide() {
        Booking booking = book(Duration.ofDays(5), true, "procedure-instructions");
        assertThat(sent(booking.patientId(), "procedure-instructions").get(0))
                .contains("your procedure is on")
                .contains("consent form");

        reply(booking, "C");

        await().atMost(Duration.ofSeconds(60))
                .until(() -> sent(booking.patientId(), "procedure-confirmed").size() == 1);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> appointment(booking).getParticipantFirstRep().getStatus()
                        == Appointment.ParticipationStatus.ACCEPTED);
        assertThat(runtime.createProcessInstanceQuery()
                        .processDefinitionKey("program-pre-procedure")
                        .processInstanceBusinessKey("pre-procedure:" + booking.appointmentId())
                        .count())
                .isEqualTo(1);
        assertThat(sent(booking.patientId(), "appointment-reminder")).isEmpty();
    }

    @Test
    void aProcedureNotConfirmedTwoDaysBeforeGivesTheSchedulersACall() {
        Booking booking = book(Duration.ofHours(36), true, "procedure-instructions");

        await().atMost(Duration.ofSeconds(60))
                .until(() -> tasks.createTaskQuery()
                                .processInstanceBusinessKey("pre-procedure:" + booking.appointmentId())
                                .taskCandidateGroup("scheduler")
                                .taskName("Call patient: procedure not confirmed")
                                .count()
                        == 1);
    }

    @Test
    void aRescheduleRequestDeclinesTheSlotAndGivesTheSchedulersATask() {
        Booking booking = book();

        reply(booking, "I need to change my appointment");

        await().atMost(Duration.ofSeconds(60))
                .until(() -> tasks.createTaskQuery()
                                .processInstanceBusinessKey("appointment-reminder:" + booking.appointmentId())
                                .taskCandidateGroup("scheduler")
                                .count()
                        == 1);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> appointment(booking).getParticipantFirstRep().getStatus()
                        == Appointment.ParticipationStatus.DECLINED);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> sent(booking.patientId(), "appointment-reschedule").size() == 1);
    }

    @Test
    void xCancelsTheAppointmentInFhirAndEndsTheReminders() {
        Booking booking = book();

        reply(booking, "X");

        await().atMost(Duration.ofSeconds(60)).until(() -> "cancelled".equals(outcome(booking)));
        Appointment cancelled = appointment(booking);
        assertThat(cancelled.getStatus()).isEqualTo(Appointment.AppointmentStatus.CANCELLED);
        assertThat(cancelled.getCancelationReason().getCodingFirstRep().getCode())
                .isEqualTo("pat");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> sent(booking.patientId(), "appointment-cancelled").size() == 1);
        assertThat(runtime.createProcessInstanceQuery()
                        .processInstanceBusinessKey("appointment-reminder:" + booking.appointmentId())
                        .count())
                .isZero();
    }

    @Test
    void aRedFlagInAReplyGoesToANurseAndLeavesTheAppointmentAlone() {
        Booking booking = book();

        reply(booking, "C but I have chest pain");

        await().atMost(Duration.ofSeconds(60))
                .until(() -> tasks.createTaskQuery()
                                .processInstanceBusinessKey("appointment-reminder:" + booking.appointmentId())
                                .taskCandidateGroup("nurse")
                                .count()
                        == 1);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> sent(booking.patientId(), "ack-emergency").size() == 1);
        awaitOutboxDrained();
        assertThat(appointment(booking).getParticipantFirstRep().getStatus())
                .isEqualTo(Appointment.ParticipationStatus.NEEDSACTION);
    }

    @Test
    void aNurseKeepsHerFollowUpWhenTheEhrCancelsTheAppointment() {
        Booking booking = book();
        reply(booking, "I have chest pain");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> tasks.createTaskQuery()
                                .processInstanceBusinessKey("appointment-reminder:" + booking.appointmentId())
                                .taskCandidateGroup("nurse")
                                .count()
                        == 1);
        awaitOutboxDrained();

        Appointment cancelled = appointment(booking);
        cancelled.setStatus(Appointment.AppointmentStatus.CANCELLED);
        fhirAs("ehr").update().resource(cancelled).execute();

        await().atMost(Duration.ofSeconds(60)).until(() -> "cancelled".equals(outcome(booking)));
        org.camunda.bpm.engine.task.Task carried = tasks.createTaskQuery()
                .processDefinitionKey("careloop-handoff")
                .processVariableValueEquals("patientId", booking.patientId())
                .singleResult();
        assertThat(carried).isNotNull();
        assertThat(tasks.getVariable(carried.getId(), "handoffTeam")).isEqualTo("nurse");
        assertThat((String) tasks.getVariable(carried.getId(), "handoffReason")).contains("cancelled");
    }

    @Test
    void aNoShowInTheEhrIsRecordedAgainstTheReminderHistory() {
        Booking booking = book();
        reply(booking, "yes");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> appointment(booking).getParticipantFirstRep().getStatus()
                        == Appointment.ParticipationStatus.ACCEPTED);
        awaitOutboxDrained();

        Appointment noShow = appointment(booking);
        noShow.setStatus(Appointment.AppointmentStatus.NOSHOW);
        fhirAs("ehr").update().resource(noShow).execute();

        await().atMost(Duration.ofSeconds(60)).until(() -> "no-show".equals(outcome(booking)));
        Communication recorded = daos.getResourceDao(Communication.class)
                .read(
                        new org.hl7.fhir.r4.model.IdType(
                                "Communication", "outcome-appointment-" + booking.appointmentId()),
                        new ca.uhn.fhir.rest.api.server.SystemRequestDetails());
        assertThat(recorded.getReasonCodeFirstRep().getCodingFirstRep().getCode())
                .isEqualTo("no-show");
        assertThat(recorded.getPayloadFirstRep().getContentStringType().getValue())
                .contains("reminders sent: 1")
                .contains("confirmed by the patient: yes");
        assertThat(recorded.getAboutFirstRep().getReference()).isEqualTo("Appointment/" + booking.appointmentId());
    }

    @Test
    void aRescheduleInTheEhrMovesTheRemindersAndABookingWrittenTwiceStartsThemOnce() {
        Booking booking = book();
        Appointment moved = appointment(booking);
        Instant newStart = moved.getStart().toInstant().plus(Duration.ofDays(10));
        moved.setStart(Date.from(newStart));
        moved.setEnd(Date.from(newStart.plus(Duration.ofMinutes(30))));
        fhirAs("ehr").update().resource(moved).execute();
        awaitOutboxDrained();

        String instance = runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey("appointment-reminder:" + booking.appointmentId())
                .singleResult()
                .getId();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> management.createJobQuery().processInstanceId(instance).timers().list().stream()
                        .anyMatch(j -> j.getDuedate().toInstant().equals(newStart.minus(Duration.ofHours(72)))));
        assertThat(runtime.createProcessInstanceQuery()
                        .processInstanceBusinessKey("appointment-reminder:" + booking.appointmentId())
                        .count())
                .isEqualTo(1);
        assertThat(sent(booking.patientId(), "appointment-reminder")).hasSize(1);
    }
}
