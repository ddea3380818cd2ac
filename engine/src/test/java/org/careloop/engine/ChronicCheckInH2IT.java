package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The chronic-disease check-in end to end: an EHR writes a Condition over FHIR, the DMN enrols the patient with
 * what to ask and how often, replies become FHIR Observations with LOINC codes and UCUM units, thresholds (weight
 * against the patient's own readings) and red flags reach a nurse, three missed check-ins a coordinator, and a
 * resolved condition ends the program with its adherence.
 */
class ChronicCheckInH2IT extends H2StackTest {

    private record Enrolled(String patientId, String mobile, String conditionId, String enrolmentId) {}

    @AfterEach
    void realTime() {
        ClockUtil.reset();
    }

    private Enrolled enrol(String snomed, String display, String firstQuestion) {
        String mobile = TestNumbers.unused("+1617555");
        String patientId = patient(mobile, "en", p -> {});
        String conditionId = chronicCondition(patientId, snomed, display);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> sent(patientId, firstQuestion).size() == 1);
        String enrolmentId = engineDb.queryForObject(
                "select id from enrolment where condition_id = ? and active_patient_id is not null",
                String.class,
                conditionId);
        return new Enrolled(patientId, mobile, conditionId, enrolmentId);
    }

    private void reply(Enrolled enrolled, String text) {
        replyFrom(enrolled.mobile(), text);
    }

    private ProcessInstance currentCycle(Enrolled enrolled) {
        String instance = engineDb.queryForObject(
                "select process_instance_id from enrolment where id = ?", String.class, enrolled.enrolmentId());
        return runtime.createProcessInstanceQuery().processInstanceId(instance).singleResult();
    }

    private List<Observation> readings(String patientId, String loinc) {
        return daos
                .getResourceDao(Observation.class)
                .search(
                        new ca.uhn.fhir.jpa.searchparam.SearchParameterMap()
                                .setLoadSynchronous(true)
                                .add(
                                        Observation.SP_PATIENT,
                                        new ca.uhn.fhir.rest.param.ReferenceParam("Patient/" + patientId))
                                .add(
                                        Observation.SP_CODE,
                                        new ca.uhn.fhir.rest.param.TokenParam("http://loinc.org", loinc)),
                        new SystemRequestDetails())
                .getAllResources()
                .stream()
                .map(Observation.class::cast)
                .toList();
    }

    private long nurseTasks(Enrolled enrolled) {
        return tasks.createTaskQuery()
                .processInstanceBusinessKeyLike("chronic-%:" + enrolled.enrolmentId())
                .taskCandidateGroup("nurse")
                .count();
    }

    /** Lets the next cycle's check-in fall due now, as if its day had come. */
    private void nextCheckInDue(Enrolled enrolled, String question, int alreadySent) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            ProcessInstance cycle = currentCycle(enrolled);
            return cycle != null
                    && management
                                    .createJobQuery()
                                    .processInstanceId(cycle.getId())
                                    .timers()
                                    .activityId("checkInDue")
                                    .count()
                            == 1;
        });
        Job due = management
                .createJobQuery()
                .processInstanceId(currentCycle(enrolled).getId())
                .timers()
                .activityId("checkInDue")
                .singleResult();
        management.executeJob(due.getId());
        await().atMost(Duration.ofSeconds(60))
                .until(() -> sent(enrolled.patientId(), question).size() == alreadySent + 1);
    }

    @Autowired
    IInterceptorService interceptors;

    @Test
    void aChronicEnrolmentReadsThePatientsRecordOnceToDecideAndToStartItsFirstCheckIn() {
        String patientId = patient("+16175551190", "en", p -> {});

        PatientReads reads = PatientReads.during(interceptors, patientId, () -> {
            String conditionId = chronicCondition(patientId, "38341003", "Hypertensive disorder");
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> engineDb.queryForObject(
                                    "select count(*) from enrolment where condition_id = ? "
                                            + "and process_instance_id is not null",
                                    Integer.class,
                                    conditionId)
                            == 1);
        });

        assertThat(reads.on("outbox-enrolment"))
                .as("the decision, the cycle's department and its display name share one read")
                .isEqualTo(1);
    }

    @Test
    void heartFailureWeightsBecomeObservationsAndAGainOfMoreThanTwoPoundsInADayReachesANurse() {
        Enrolled enrolled = enrol("88805009", "Chronic congestive heart failure", "chronic-ask-weight");
        assertThat(engineDb.queryForMap("select measure, cadence from enrolment where id = ?", enrolled.enrolmentId()))
                .containsEntry("MEASURE", "weight")
                .containsEntry("CADENCE", "P1D");

        reply(enrolled, "weight 212 lb");

        await().atMost(Duration.ofSeconds(60))
                .until(() -> sent(enrolled.patientId(), "chronic-thanks").size() == 1);
        List<Observation> weights = readings(enrolled.patientId(), "29463-7");
        assertThat(weights).hasSize(1);
        assertThat(weights.get(0).getValueQuantity().getValue().doubleValue()).isEqualTo(212.0);
        assertThat(weights.get(0).getValueQuantity().getCode()).isEqualTo("[lb_av]");
        assertThat(weights.get(0).getValueQuantity().getSystem()).isEqualTo("http://unitsofmeasure.org");
        assertThat(nurseTasks(enrolled)).isZero();

        // a day later, by the engine's clock: the next cycle's check-in falls due by itself
        ClockUtil.setCurrentTime(Date.from(Instant.now().plus(Duration.ofHours(24))));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> sent(enrolled.patientId(), "chronic-ask-weight").size() == 2);
        reply(enrolled, "215");

        await().atMost(Duration.ofSeconds(60)).until(() -> nurseTasks(enrolled) == 1);
        org.camunda.bpm.engine.task.Task task = tasks.createTaskQuery()
                .processInstanceBusinessKeyLike("chronic-%:" + enrolled.enrolmentId())
                .taskCandidateGroup("nurse")
                .singleResult();
        assertThat((String) tasks.getVariable(task.getId(), "handoffReason"))
                .contains("Weight up more than 2 lb in a day");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> sent(enrolled.patientId(), "ack-urgent").size() == 1);
        assertThat(readings(enrolled.patientId(), "29463-7")).hasSize(2);
        assertThat(engineDb.queryForMap("select asked, answered from enrolment where id = ?", enrolled.enrolmentId()))
                .containsEntry("ASKED", 2)
                .containsEntry("ANSWERED", 2);
    }

    @Test
    void aBloodPressureOverTheThresholdIsRecordedWithItsComponentsAndReachesANurse() {
        Enrolled enrolled = enrol("38341003", "Hypertension", "chronic-ask-blood-pressure");

        reply(enrolled, "bp 185/95");

        await().atMost(Duration.ofSeconds(60)).until(() -> nurseTasks(enrolled) == 1);
        Observation pressure = readings(enrolled.patientId(), "85354-9").get(0);
        assertThat(pressure.getComponent())
                .extracting(
                        c -> c.getCode().getCodingFirstRep().getCode(),
                        c -> c.getValueQuantity().getValue().intValue())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("8480-6", 185),
                        org.assertj.core.groups.Tuple.tuple("8462-4", 95));
        org.camunda.bpm.engine.task.Task task = tasks.createTaskQuery()
                .processInstanceBusinessKeyLike("chronic-%:" + enrolled.enrolmentId())
                .singleResult();
        assertThat((String) tasks.getVariable(task.getId(), "handoffReason"))
                .contains("Systolic pressure 180")
                .contains("185/95");
    }

    @Test
    void aRedFlagNextToANormalNumberIsNotMissed() {
        Enrolled enrolled = enrol("44054006", "Diabetes", "chronic-ask-glucose");

        reply(enrolled, "glucose 150 but I have chest pain");

        await().atMost(Duration.ofSeconds(60))
                .until(() -> sent(enrolled.patientId(), "ack-emergency").size() == 1);
        assertThat(tasks.createTaskQuery()
                        .processInstanceBusinessKeyLike("chronic-%:" + enrolled.enrolmentId())
                        .taskCandidateGroup("nurse")
                        .singleResult()
                        .getPriority())
                .isEqualTo(100);
        assertThat(readings(enrolled.patientId(), "2339-0")).hasSize(1);
    }

    @Test
    void aDeviceReadingIsJudgedTheSameWayAndAnAlertReachesANurse() {
        Enrolled enrolled = enrol("44054006", "Diabetes", "chronic-ask-glucose");
        Observation fromMeter = new Observation();
        fromMeter.setStatus(Observation.ObservationStatus.FINAL);
        fromMeter.setCode(new CodeableConcept(new Coding("http://loinc.org", "2339-0", "Glucose")));
        fromMeter.setSubject(new Reference("Patient/" + enrolled.patientId()));
        fromMeter.setValue(new org.hl7.fhir.r4.model.Quantity()
                .setValue(45)
                .setUnit("mg/dL")
                .setSystem("http://unitsofmeasure.org")
                .setCode("mg/dL"));

        fhirAs("ehr").create().resource(fromMeter).execute();

        await().atMost(Duration.ofSeconds(60))
                .until(() -> tasks.createTaskQuery()
                                .processDefinitionKey("careloop-handoff")
                                .processVariableValueEquals("patientId", enrolled.patientId())
                                .taskCandidateGroup("nurse")
                                .count()
                        == 1);
        org.camunda.bpm.engine.task.Task task = tasks.createTaskQuery()
                .processDefinitionKey("careloop-handoff")
                .processVariableValueEquals("patientId", enrolled.patientId())
                .singleResult();
        assertThat(task.getPriority()).isEqualTo(100);
        assertThat((String) tasks.getVariable(task.getId(), "handoffReason"))
                .contains("Device reading: Glucose below 54 mg/dL");
    }

    @Test
    void threeMissedCheckInsInARowGoToACoordinatorAndAResolvedConditionEndsTheProgram() {
        Enrolled enrolled = enrol("38341003", "Hypertension", "chronic-ask-blood-pressure");
        for (int missed = 1; missed <= 3; missed++) {
            ProcessInstance cycle = currentCycle(enrolled);
            Job noReply = management
                    .createJobQuery()
                    .processInstanceId(cycle.getId())
                    .timers()
                    .activityId("noReplyInTime")
                    .singleResult();
            management.executeJob(noReply.getId());
            if (missed < 3) {
                nextCheckInDue(enrolled, "chronic-ask-blood-pressure", missed);
            }
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> tasks.createTaskQuery()
                                .processInstanceBusinessKeyLike("chronic-%:" + enrolled.enrolmentId())
                                .taskCandidateGroup("care-coordinator")
                                .count()
                        == 1);

        Condition resolved = fhirAs("ehr")
                .read()
                .resource(Condition.class)
                .withId(enrolled.conditionId())
                .execute();
        resolved.setClinicalStatus(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "resolved", null)));
        fhirAs("ehr").update().resource(resolved).execute();

        await().atMost(Duration.ofSeconds(60))
                .until(() -> "condition-resolved"
                        .equals(engineDb.queryForObject(
                                "select outcome from enrolment where id = ?", String.class, enrolled.enrolmentId())));
        Map<String, Object> row = engineDb.queryForMap(
                "select asked, answered, active_patient_id from enrolment where id = ?", enrolled.enrolmentId());
        assertThat(row).containsEntry("ASKED", 3).containsEntry("ANSWERED", 0);
        assertThat(row.get("ACTIVE_PATIENT_ID")).isNull();
        assertThat(runtime.createProcessInstanceQuery()
                        .processDefinitionKey("program-chronic-checkin")
                        .processInstanceBusinessKeyLike("chronic-%:" + enrolled.enrolmentId())
                        .count())
                .isZero();
        // the coordinator's call was carried over, not dropped
        assertThat(tasks.createTaskQuery()
                        .processDefinitionKey("careloop-handoff")
                        .processVariableValueEquals("patientId", enrolled.patientId())
                        .taskCandidateGroup("care-coordinator")
                        .count())
                .isOne();
        var system = new SystemRequestDetails();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> daos.getResourceDao(CarePlan.class)
                                .read(new IdType("CarePlan", "enrolment-" + enrolled.enrolmentId()), system)
                                .getStatus()
                        == CarePlan.CarePlanStatus.COMPLETED);
        assertThat(daos.getResourceDao(org.hl7.fhir.r4.model.Communication.class)
                        .read(new IdType("Communication", "outcome-" + enrolled.enrolmentId()), system)
                        .getPayloadFirstRep()
                        .getContentStringType()
                        .getValue())
                .contains("check-ins answered 0 of 3");
    }
}
