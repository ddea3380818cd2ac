package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.careloop.engine.caregaps.CareGaps;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Preventive care gaps end to end: the sweep pages through a population, reads each page's facts from FHIR in
 * batched searches, invites only patients whose gaps are open and who have a mobile number, never twice within the
 * cool-down; care recorded over FHIR closes the gap; a reply reaches the schedulers.
 */
class CareGapsH2IT extends H2StackTest {

    private static final String SYSTEM = "urn:test:care-gaps";

    @Autowired
    CareGaps gaps;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private String person(String gender, String birthDate, boolean mobile) {
        String number = TestNumbers.unused("+1617555");
        return patient(number, "en", p -> {
            p.addIdentifier().setSystem(SYSTEM).setValue(run);
            p.setGender(Enumerations.AdministrativeGender.fromCode(gender));
            p.setBirthDateElement(new org.hl7.fhir.r4.model.DateType(birthDate));
            if (!mobile) {
                p.getTelecom().clear();
            }
        });
    }

    private String mobileOf(String patientId) {
        return daos.getResourceDao(Patient.class)
                .read(new org.hl7.fhir.r4.model.IdType("Patient", patientId), new SystemRequestDetails())
                .getTelecomFirstRep()
                .getValue();
    }

    private static Date ago(Duration duration) {
        return Date.from(Instant.now().minus(duration));
    }

    private <T extends org.hl7.fhir.instance.model.api.IBaseResource> void write(Class<T> type, T resource) {
        daos.getResourceDao(type).create(resource, new SystemRequestDetails());
    }

    private List<String> openGaps(String patientId) {
        return engineDb.queryForList(
                "select gap from care_gap where patient_id = ? and status = 'OPEN' order by gap",
                String.class,
                patientId);
    }

    private CareGaps.Sweep sweepThisRun() {
        return gaps.sweep(new SearchParameterMap().add(Patient.SP_IDENTIFIER, new TokenParam(SYSTEM, run)), 2);
    }

    @Test
    void theSweepInvitesOpenGapsOnlyOnceAndRecordedCareClosesThem() {
        String due = person("female", "1966-03-01", true);
        String upToDate = person("male", "1966-03-01", true);
        String noMobile = person("female", "1996-03-01", false);
        // the man's care is all recorded: diabetes with a recent HbA1c, flu shot, wellness visit, colonoscopy
        Condition diabetes = new Condition();
        diabetes.setClinicalStatus(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", null)));
        diabetes.setCode(new CodeableConcept(new Coding("http://snomed.info/sct", "44054006", "Diabetes")));
        diabetes.setSubject(new Reference("Patient/" + upToDate));
        write(Condition.class, diabetes);
        Observation a1c = new Observation();
        a1c.setStatus(Observation.ObservationStatus.FINAL);
        a1c.setCode(new CodeableConcept(new Coding("http://loinc.org", "4548-4", "Hemoglobin A1c")));
        a1c.setSubject(new Reference("Patient/" + upToDate));
        a1c.setEffective(new DateTimeType(ago(Duration.ofDays(60))));
        write(Observation.class, a1c);
        Immunization flu = new Immunization();
        flu.setStatus(Immunization.ImmunizationStatus.COMPLETED);
        flu.setVaccineCode(new CodeableConcept(new Coding("http://hl7.org/fhir/sid/cvx", "140", "Influenza")));
        flu.setPatient(new Reference("Patient/" + upToDate));
        flu.setOccurrence(new DateTimeType(ago(Duration.ofDays(20))));
        write(Immunization.class, flu);
        Encounter wellness = new Encounter();
        wellness.setStatus(Encounter.EncounterStatus.FINISHED);
        wellness.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", null));
        wellness.addType(new CodeableConcept(new Coding("http://snomed.info/sct", "162673000", "General examination")));
        wellness.setSubject(new Reference("Patient/" + upToDate));
        wellness.getPeriod().setStart(ago(Duration.ofDays(90))).setEnd(ago(Duration.ofDays(90)));
        write(Encounter.class, wellness);
        Procedure colonoscopy = new Procedure();
        colonoscopy.setStatus(Procedure.ProcedureStatus.COMPLETED);
        colonoscopy.setCode(new CodeableConcept(new Coding("http://snomed.info/sct", "73761001", "Colonoscopy")));
        colonoscopy.setSubject(new Reference("Patient/" + upToDate));
        colonoscopy.setPerformed(new DateTimeType(ago(Duration.ofDays(700))));
        write(Procedure.class, colonoscopy);

        CareGaps.Sweep first = sweepThisRun();

        assertThat(first.patients()).isEqualTo(3);
        assertThat(openGaps(due))
                .contains("annual-wellness", "breast-cancer-screening", "colorectal-screening")
                .doesNotContain("hba1c");
        assertThat(openGaps(upToDate)).isEmpty();
        assertThat(openGaps(noMobile)).isEmpty();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> sent(due, "care-gap-breast-cancer-screening").size() == 1);
        assertThat(sent(due, "care-gap-breast-cancer-screening").get(0))
                .contains("recommended screening")
                .doesNotContainIgnoringCase("mammo");

        assertThat(sweepThisRun().invited())
                .as("open gaps are not raised again")
                .isZero();

        // the EHR records the mammogram: the gap closes
        Procedure mammogram = new Procedure();
        mammogram.setStatus(Procedure.ProcedureStatus.COMPLETED);
        mammogram.setCode(new CodeableConcept(new Coding("http://snomed.info/sct", "71651007", "Mammography")));
        mammogram.setSubject(new Reference("Patient/" + due));
        mammogram.setPerformed(new DateTimeType(new Date()));
        fhirAs("ehr").create().resource(mammogram).execute();

        await().atMost(Duration.ofSeconds(60)).until(() -> !openGaps(due).contains("breast-cancer-screening"));
        assertThat(engineDb.queryForObject(
                        "select outcome from care_gap where patient_id = ? and gap = 'breast-cancer-screening'",
                        String.class,
                        due))
                .isEqualTo("closed");

        // an invitation that lapses is not sent again within the cool-down
        String wellnessInstance = engineDb.queryForObject(
                "select process_instance_id from care_gap where patient_id = ? and gap = 'annual-wellness'",
                String.class,
                due);
        management.executeJob(management
                .createJobQuery()
                .processInstanceId(wellnessInstance)
                .timers()
                .singleResult()
                .getId());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "not-closed"
                        .equals(engineDb.queryForObject(
                                "select outcome from care_gap where patient_id = ? and gap = 'annual-wellness'",
                                String.class,
                                due)));
        assertThat(sweepThisRun().invited()).isZero();
        assertThat(engineDb.queryForObject(
                        "select count(*) from outbound_message where patient_id = ? and template_id = ?",
                        Integer.class,
                        due,
                        "care-gap-annual-wellness"))
                .as("one invitation for the gap, however many sweeps")
                .isEqualTo(1);
    }

    @Test
    void aPatientInAnotherProgramIsInvitedOnlyOnceItHasEnded() {
        String busy = person("female", "1966-03-01", true);
        org.camunda.bpm.engine.runtime.ProcessInstance followUp = enrolByDischarge(busy, "post-discharge");

        assertThat(sweepThisRun().invited()).isZero();
        assertThat(openGaps(busy)).isEmpty();

        runtime.deleteProcessInstance(followUp.getId(), "ended for the test", true);
        engineDb.update("update enrolment set active_patient_id = null where active_patient_id = ?", busy);

        assertThat(sweepThisRun().invited()).isPositive();
        assertThat(openGaps(busy)).contains("breast-cancer-screening");
    }

    @Test
    void aReplyToAnInvitationGoesToTheSchedulers() {
        String patientId = person("female", "1966-03-01", true);
        sweepThisRun();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> !engineDb.queryForList(
                                "select id from outbound_message where patient_id = ? and template_id like 'care-gap-%' "
                                        + "and status = 'SENT'",
                                String.class, patientId)
                        .isEmpty());
        awaitOutboxDrained();

        replyFrom(mobileOf(patientId), "YES");

        await().atMost(Duration.ofSeconds(60))
                .until(() -> tasks.createTaskQuery()
                                .processInstanceBusinessKeyLike("care-gap:" + patientId + ":%")
                                .taskCandidateGroup("scheduler")
                                .count()
                        == 1);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> sent(patientId, "care-gap-thanks").size() == 1);
    }
}
