package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.Test;

/**
 * The post-discharge program end to end, as an EHR, a patient and a nurse use it, over real HTTP:
 * Synthea bundle in, DMN decision, enrolment, timer relative to discharge, SMS through the provider API,
 * signed reply, Drools escalation, nurse handoff in /tasks, and every outcome in FHIR, pushed to a
 * subscribed EHR. Run on H2 and on PostgreSQL.
 */
interface PostDischargeFlowContract {

    /** The stack under test. */
    IntegrationSupport stack();

    @Test
    default void dischargeEnrolsChecksInEscalatesToTheNurseAndRecordsEveryOutcomeInFhir() throws Exception {
        IntegrationSupport s = stack();
        var runtime = s.runtime;
        var tasks = s.tasks;
        var history = s.history;
        IGenericClient ehr = s.fhirAs("ehr");
        HttpServer ehrListener = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        try {
            List<String> notifications = subscribeToCommunications(ehr, ehrListener);
            scenario(s, ehr, notifications, runtime, tasks, history);
        } finally {
            ehr.search()
                    .forResource(Subscription.class)
                    .returnBundle(Bundle.class)
                    .execute()
                    .getEntry()
                    .forEach(e -> ehr.delete()
                            .resourceById(e.getResource().getIdElement())
                            .execute());
            ehrListener.stop(0);
            ClockUtil.reset();
        }
    }

    private void scenario(
            IntegrationSupport s,
            IGenericClient ehr,
            List<String> notifications,
            org.camunda.bpm.engine.RuntimeService runtime,
            org.camunda.bpm.engine.TaskService tasks,
            org.camunda.bpm.engine.HistoryService history)
            throws Exception {

        // 1. A Synthea patient arrives with an old inpatient stay: decided, recorded, not enrolled
        Bundle response = ehr.transaction()
                .withBundle(s.sampleBundle("ca5da59f-0a70-470d-8b20-a1c847ff9010.json"))
                .execute();
        String patientId = response.getEntry().stream()
                .map(e -> e.getResponse().getLocation())
                .filter(l -> l.startsWith("Patient/"))
                .findFirst()
                .orElseThrow()
                .split("/")[1];
        s.awaitOutboxDrained();
        assertThat(s.engineDb.queryForList(
                        "select reason from enrolment_decision where patient_id = ?", String.class, patientId))
                .containsOnly("Discharged more than 48 hours ago");

        // 2. The EHR records a mobile number and a discharge home two hours ago: enrolled once
        String mobile = TestNumbers.unused("+1617555");
        Patient patient = ehr.read().resource(Patient.class).withId(patientId).execute();
        patient.addTelecom()
                .setSystem(ContactPoint.ContactPointSystem.PHONE)
                .setUse(ContactPoint.ContactPointUse.MOBILE)
                .setValue(mobile);
        ehr.update().resource(patient).execute();
        Instant discharge = ClockUtil.now().toInstant().minus(Duration.ofHours(2));
        String encounterId = ehr.create()
                .resource(discharge(patientId, discharge))
                .execute()
                .getId()
                .getIdPart();
        s.awaitOutboxDrained();
        String enrolmentId = "post-discharge-" + encounterId;
        assertThat(count(s, "select count(*) from enrolment where encounter_id = ?", encounterId))
                .isEqualTo(1);
        assertThat(ehr.read()
                        .resource(CarePlan.class)
                        .withId("enrolment-" + enrolmentId)
                        .execute()
                        .getStatus())
                .isEqualTo(CarePlan.CarePlanStatus.ACTIVE);

        Encounter again =
                ehr.read().resource(Encounter.class).withId(encounterId).execute();
        again.getPeriod().setEnd(Date.from(discharge.plusSeconds(60)));
        ehr.update().resource(again).execute();
        s.awaitOutboxDrained();
        assertThat(count(s, "select count(*) from enrolment where encounter_id = ?", encounterId))
                .as("enrolments after update")
                .isEqualTo(1);
        String resentId = ehr.create()
                .resource(discharge(patientId, discharge))
                .execute()
                .getId()
                .getIdPart();
        s.awaitOutboxDrained();
        assertThat(resentId).isNotEqualTo(encounterId);
        assertThat(count(s, "select count(*) from enrolment where patient_id = ?", patientId))
                .as("enrolments after the stay is sent again")
                .isEqualTo(1);
        assertThat(runtime.createProcessInstanceQuery()
                        .processDefinitionKey("program-post-discharge")
                        .processInstanceBusinessKey("post-discharge:" + encounterId)
                        .count())
                .isEqualTo(1);

        // 3. Nothing goes out before the offset; 24 h after discharge the check-in is sent and delivered
        assertThat(count(s, "select count(*) from outbound_message where patient_id = ?", patientId))
                .isZero();
        ClockUtil.setCurrentTime(Date.from(discharge.plus(Duration.ofHours(24)).plusSeconds(120)));
        String checkInId = awaitMessage(s, patientId, "post-discharge-checkin-1", "DELIVERED");
        String checkInBody = s.cipher.open(
                s.engineDb.queryForObject("select body from outbound_message where id = ?", String.class, checkInId),
                org.careloop.engine.crypto.PhiCipher.OUTBOUND_BODY);
        assertThat(checkInBody)
                .contains("automated")
                .contains("talk to a person")
                .contains("STOP");
        s.awaitOutboxDrained();
        Communication sent = ehr.read()
                .resource(Communication.class)
                .withId("msg-out-" + checkInId)
                .execute();
        assertThat(sent.getStatus()).isEqualTo(Communication.CommunicationStatus.COMPLETED);
        assertThat(sent.getSubject().getReference()).isEqualTo("Patient/" + patientId);
        assertThat(sent.getTopic().getCodingFirstRep().getCode()).isEqualTo("post-discharge");
        assertThat(sent.getBasedOnFirstRep().getReference()).isEqualTo("CarePlan/enrolment-" + enrolmentId);
        assertThat(sent.getMediumFirstRep().getCodingFirstRep().getCode()).isEqualTo("SMSWRIT");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> notifications.stream().anyMatch(n -> n.contains("msg-out-" + checkInId)));

        // 4. The patient replies with a red flag: acknowledged with the 911 text, handed to the nurses
        var reply = s.signedSms(IntegrationSupport.incomingSms(
                IntegrationSupport.newMessageSid(), mobile, "I'm ok but I have chest pain"));
        assertThat(reply.statusCode()).isEqualTo(200);
        awaitMessage(s, patientId, "ack-emergency", "DELIVERED");
        s.awaitOutboxDrained();
        Task handoff = tasks.createTaskQuery()
                .processVariableValueEquals("patientId", patientId)
                .taskCandidateGroup("nurse")
                .singleResult();
        assertThat(handoff).isNotNull();
        String replyId = s.engineDb.queryForObject(
                "select id from inbound_message where from_index = ?", String.class, s.cipher.index(mobile));
        Communication received = ehr.read()
                .resource(Communication.class)
                .withId("msg-in-" + replyId)
                .execute();
        assertThat(received.getInResponseToFirstRep().getReference()).isEqualTo("Communication/msg-out-" + checkInId);
        assertThat(received.getPayloadFirstRep().getContentStringType().getValue())
                .isEqualTo("I'm ok but I have chest pain");
        // the EHR's subscription receives the reply's words, opened from their seal at rest
        await().atMost(Duration.ofSeconds(30))
                .until(() -> notifications.stream()
                        .anyMatch(n -> n.contains("msg-in-" + replyId)
                                && n.contains("I'm ok but I have chest pain")
                                && !n.contains("sealed-text")));

        // 5. The nurse works it in /tasks; a coordinator does not see it
        IntegrationSupport.Browser coordinator = s.new Browser().signIn("coordinator");
        assertThat(coordinator.get("/tasks").body()).doesNotContain(handoff.getId());
        assertThat(coordinator.get("/tasks/" + handoff.getId()).statusCode()).isEqualTo(404);
        IntegrationSupport.Browser nurse = s.new Browser().signIn("nurse");
        assertThat(nurse.get("/tasks").body())
                .contains(handoff.getId())
                .contains("Chest pain or pressure")
                .contains("Emergency");
        String page = nurse.get("/tasks/" + handoff.getId()).body();
        assertThat(page)
                .contains(mobile)
                .contains("I&#39;m ok but I have chest pain")
                .contains("Chest pain or pressure")
                .doesNotContain(patient.getAddressFirstRep().getCity());
        assertThat(nurse.submit("/tasks/" + handoff.getId() + "/claim", Map.of())
                        .statusCode())
                .isEqualTo(302);
        s.awaitOutboxDrained();
        assertThat(ehr.read()
                        .resource(org.hl7.fhir.r4.model.Task.class)
                        .withId("handoff-" + handoff.getId())
                        .execute()
                        .getStatus())
                .isEqualTo(org.hl7.fhir.r4.model.Task.TaskStatus.ACCEPTED);
        nurse.get("/tasks/" + handoff.getId());
        assertThat(nurse.submit("/tasks/" + handoff.getId() + "/complete", Map.of("outcome", "reached-patient"))
                        .statusCode())
                .isEqualTo(302);
        assertThat(history.createHistoricTaskInstanceQuery()
                        .taskId(handoff.getId())
                        .finished()
                        .count())
                .isEqualTo(1);
        s.awaitOutboxDrained();
        var fhirTask = ehr.read()
                .resource(org.hl7.fhir.r4.model.Task.class)
                .withId("handoff-" + handoff.getId())
                .execute();
        assertThat(fhirTask.getStatus()).isEqualTo(org.hl7.fhir.r4.model.Task.TaskStatus.COMPLETED);
        assertThat(fhirTask.getBusinessStatus().getCodingFirstRep().getCode()).isEqualTo("reached-patient");

        // 6. Day 7: the second check-in; "feeling fine" ends the program with its outcome in FHIR
        ClockUtil.setCurrentTime(Date.from(discharge.plus(Duration.ofDays(7)).plusSeconds(120)));
        awaitMessage(s, patientId, "post-discharge-checkin-7", "DELIVERED");
        assertThat(s.signedSms(IntegrationSupport.incomingSms(
                                IntegrationSupport.newMessageSid(), mobile, "feeling much better, no chest pain"))
                        .statusCode())
                .isEqualTo(200);
        awaitMessage(s, patientId, "ack-continue", "DELIVERED");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> runtime.createProcessInstanceQuery()
                                .processInstanceBusinessKey("post-discharge:" + encounterId)
                                .count()
                        == 0);
        s.awaitOutboxDrained();
        Communication outcome = ehr.read()
                .resource(Communication.class)
                .withId("outcome-" + enrolmentId)
                .execute();
        assertThat(outcome.getReasonCodeFirstRep().getCodingFirstRep().getCode())
                .isEqualTo("completed-handed-off");
        assertThat(ehr.read()
                        .resource(CarePlan.class)
                        .withId("enrolment-" + enrolmentId)
                        .execute()
                        .getStatus())
                .isEqualTo(CarePlan.CarePlanStatus.COMPLETED);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> notifications.stream().anyMatch(n -> n.contains("outcome-" + enrolmentId)));
    }

    private List<String> subscribeToCommunications(IGenericClient ehr, HttpServer ehrListener) throws IOException {
        List<String> received = new CopyOnWriteArrayList<>();
        ehrListener.createContext("/ehr", exchange -> {
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        ehrListener.start();
        Subscription subscription = IntegrationSupport.restHookSubscription(
                "Communication?",
                "http://127.0.0.1:" + ehrListener.getAddress().getPort() + "/ehr",
                "EHR follows engagement outcomes");
        String id = ehr.create().resource(subscription).execute().getId().getIdPart();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> ehr.read()
                                .resource(Subscription.class)
                                .withId(id)
                                .execute()
                                .getStatus()
                        == Subscription.SubscriptionStatus.ACTIVE);
        return received;
    }

    private static Encounter discharge(String patientId, Instant end) {
        Encounter stay = new Encounter();
        stay.addIdentifier().setSystem("urn:oid:2.16.840.1.113883.19.5.99999.1").setValue("visit-" + patientId);
        stay.setStatus(Encounter.EncounterStatus.FINISHED);
        stay.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP", "inpatient encounter"));
        stay.setSubject(new Reference("Patient/" + patientId));
        stay.setPeriod(
                new Period().setStart(Date.from(end.minus(Duration.ofDays(2)))).setEnd(Date.from(end)));
        stay.getHospitalization()
                .setDischargeDisposition(new CodeableConcept(
                        new Coding("http://terminology.hl7.org/CodeSystem/discharge-disposition", "home", "Home")));
        return stay;
    }

    private String awaitMessage(IntegrationSupport s, String patientId, String template, String status) {
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> count(
                                s,
                                "select count(*) from outbound_message where patient_id = ? and template_id = ? and status = ?",
                                patientId,
                                template,
                                status)
                        == 1);
        return s.engineDb.queryForObject(
                "select id from outbound_message where patient_id = ? and template_id = ?",
                String.class,
                patientId,
                template);
    }

    private int count(IntegrationSupport s, String sql, Object... args) {
        return s.engineDb.queryForObject(sql, Integer.class, args);
    }
}
