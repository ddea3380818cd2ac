package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.Test;

/**
 * A procedure's preparation started by its order alone: the EHR writes a ServiceRequest with a date over FHIR's REST
 * API, before any Appointment is booked; the patient's answers are noted on the order; the appointment later booked
 * for it takes the same preparation over; a withdrawn order ends it.
 */
class ProcedureOrdersH2IT extends H2StackTest {

    private static final String SURGICAL_PROCEDURE = "387713003";
    private static final String LABORATORY_PROCEDURE = "108252007";

    private record Ordered(String patientId, String mobile, String orderId) {}

    private Ordered order(String category, Duration ahead) {
        String mobile = TestNumbers.unused("+1617556");
        String patientId = patient(mobile, "en", p -> {});
        ServiceRequest order = new ServiceRequest();
        order.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE);
        order.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
        order.addCategory(new CodeableConcept(new Coding("http://snomed.info/sct", category, null)));
        order.getCode().setText("Knee arthroscopy");
        order.setSubject(new Reference("Patient/" + patientId));
        order.setOccurrence(new DateTimeType(
                Date.from(ClockUtil.now().toInstant().plus(ahead).truncatedTo(ChronoUnit.MINUTES))));
        String orderId =
                fhirAs("ehr").create().resource(order).execute().getId().getIdPart();
        return new Ordered(patientId, mobile, orderId);
    }

    private Ordered orderedAndInstructed() {
        Ordered ordered = order(SURGICAL_PROCEDURE, Duration.ofDays(5));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> sent(ordered.patientId(), "procedure-instructions").size() == 1);
        return ordered;
    }

    private ServiceRequest read(Ordered ordered) {
        return fhirAs("ehr")
                .read()
                .resource(ServiceRequest.class)
                .withId(ordered.orderId())
                .execute();
    }

    private long preparations(Ordered ordered) {
        return runtime.createProcessInstanceQuery()
                .processDefinitionKey("program-pre-procedure")
                .variableValueEquals("patientId", ordered.patientId())
                .count();
    }

    private List<String> outcomes(String orderId) {
        return engineDb.queryForList(
                "select coalesce(outcome, '') from appointment_reminder where service_request_id = ?",
                String.class,
                orderId);
    }

    @Test
    void anOrderWithADateStartsThePreparationBeforeAnyAppointmentAndTheConfirmationIsNotedOnTheOrder() {
        Ordered ordered = orderedAndInstructed();
        assertThat(sent(ordered.patientId(), "procedure-instructions").get(0))
                .contains("your procedure is on")
                .contains("consent form");
        assertThat(runtime.createProcessInstanceQuery()
                        .processInstanceBusinessKey("pre-procedure:sr-" + ordered.orderId())
                        .count())
                .isEqualTo(1);

        replyFrom(ordered.mobile(), "C");

        await().atMost(Duration.ofSeconds(60))
                .until(() -> sent(ordered.patientId(), "procedure-confirmed").size() == 1);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> read(ordered).getNote().stream()
                        .anyMatch(n -> n.getText().contains("consent form signed and ride home arranged")));
        awaitOutboxDrained();
        assertThat(preparations(ordered))
                .as("the order's own update starts nothing more")
                .isEqualTo(1);
        assertThat(read(ordered).getStatus()).isEqualTo(ServiceRequest.ServiceRequestStatus.ACTIVE);
    }

    @Test
    void aCancellationBeforeAnythingIsBookedReachesASchedulerAndLeavesTheOrderAlone() {
        Ordered ordered = orderedAndInstructed();

        replyFrom(ordered.mobile(), "X");

        await().atMost(Duration.ofSeconds(60))
                .until(() -> tasks.createTaskQuery()
                                .processInstanceBusinessKey("pre-procedure:sr-" + ordered.orderId())
                                .taskCandidateGroup("scheduler")
                                .count()
                        == 1);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> sent(ordered.patientId(), "ack-routine").size() == 1);
        assertThat(sent(ordered.patientId(), "appointment-cancelled")).isEmpty();
        assertThat(read(ordered).getStatus()).isEqualTo(ServiceRequest.ServiceRequestStatus.ACTIVE);
        assertThat(read(ordered).getNote()).anyMatch(n -> n.getText().contains("asks to cancel the procedure"));
    }

    @Test
    void theAppointmentBookedForTheOrderTakesThePreparationOverAtItsOwnTimeAndItsCancellationEndsIt() {
        Ordered ordered = orderedAndInstructed();
        Instant booked = ClockUtil.now().toInstant().plus(Duration.ofDays(6)).truncatedTo(ChronoUnit.MINUTES);
        Appointment appointment = new Appointment();
        appointment.setStatus(Appointment.AppointmentStatus.BOOKED);
        appointment.setStart(Date.from(booked));
        appointment.setEnd(Date.from(booked.plus(Duration.ofHours(1))));
        appointment.addBasedOn(new Reference("ServiceRequest/" + ordered.orderId()));
        appointment
                .addParticipant()
                .setActor(new Reference("Patient/" + ordered.patientId()))
                .setStatus(Appointment.ParticipationStatus.NEEDSACTION);
        String appointmentId =
                fhirAs("ehr").create().resource(appointment).execute().getId().getIdPart();

        await().atMost(Duration.ofSeconds(60))
                .until(() -> engineDb.queryForList(
                                "select appointment_id from appointment_reminder where service_request_id = ?",
                                String.class,
                                ordered.orderId())
                        .equals(List.of(appointmentId)));
        String instance = runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey("pre-procedure:sr-" + ordered.orderId())
                .singleResult()
                .getId();
        assertThat(runtime.getVariable(instance, "appointmentId")).isEqualTo(appointmentId);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> booked.toString().equals(runtime.getVariable(instance, "appointmentStart")));
        // the patient hears the booked time
        await().atMost(Duration.ofSeconds(60))
                .until(() -> sent(ordered.patientId(), "procedure-instructions").size() == 2);
        assertThat(preparations(ordered)).isEqualTo(1);
        assertThat(sent(ordered.patientId(), "appointment-reminder")).isEmpty();
        awaitOutboxDrained();

        Appointment cancelled = fhirAs("ehr")
                .read()
                .resource(Appointment.class)
                .withId(appointmentId)
                .execute();
        cancelled.setStatus(Appointment.AppointmentStatus.CANCELLED);
        fhirAs("ehr").update().resource(cancelled).execute();

        await().atMost(Duration.ofSeconds(60))
                .until(() -> outcomes(ordered.orderId()).equals(List.of("cancelled")));
        assertThat(daos.getResourceDao(Communication.class)
                        .read(
                                new IdType("Communication", "outcome-appointment-" + appointmentId),
                                new SystemRequestDetails())
                        .getAboutFirstRep()
                        .getReference())
                .isEqualTo("Appointment/" + appointmentId);
    }

    @Test
    void aWithdrawnOrderEndsItsPreparationAsCancelledAndALaboratoryOrderStartsNothing() {
        Ordered ordered = orderedAndInstructed();
        Ordered lab = order(LABORATORY_PROCEDURE, Duration.ofDays(5));

        ServiceRequest withdrawn = read(ordered);
        withdrawn.setStatus(ServiceRequest.ServiceRequestStatus.REVOKED);
        fhirAs("ehr").update().resource(withdrawn).execute();

        await().atMost(Duration.ofSeconds(60))
                .until(() -> outcomes(ordered.orderId()).equals(List.of("cancelled")));
        Communication recorded = daos.getResourceDao(Communication.class)
                .read(
                        new IdType("Communication", "outcome-appointment-sr-" + ordered.orderId()),
                        new SystemRequestDetails());
        assertThat(recorded.getAboutFirstRep().getReference()).isEqualTo("ServiceRequest/" + ordered.orderId());
        assertThat(recorded.getPayloadFirstRep().getContentStringType().getValue())
                .contains("reminders sent: 1");
        assertThat(preparations(ordered)).isZero();
        awaitOutboxDrained();
        assertThat(outcomes(lab.orderId())).isEmpty();
        assertThat(sent(lab.patientId(), "procedure-instructions")).isEmpty();
    }
}
