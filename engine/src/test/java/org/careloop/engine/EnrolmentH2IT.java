package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.careloop.processes.ProcessVariables;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A patient and a discharge written together in one transaction bundle, as an EHR would: the DMN decides,
 * the decision and its reason are recorded, and only eligible stays start the program.
 */
class EnrolmentH2IT extends H2StackTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "none", textBlock = """
            adult discharged home with a mobile,  1970-05-01, false, home, true,  true,  'Eligible: adult, alive, recently discharged home, with a number to text or call'
            no disposition given,                 1970-05-01, false, none, true,  true,  'Eligible: adult, alive, recently discharged home, with a number to text or call'
            child,                                2015-05-01, false, home, true,  false, Patient is under 18
            deceased,                             1940-05-01, true,  home, true,  false, Patient is deceased
            discharged to a nursing facility,     1970-05-01, false, snf,  true,  false, Not discharged home
            a home phone only (called),           1970-05-01, false, home, false, true,  'Eligible: adult, alive, recently discharged home, with a number to text or call'
            """)
    void transactionBundleEnrolsOnlyWhenTheDecisionSaysSo(
            String situation,
            String birthDate,
            boolean deceased,
            String disposition,
            boolean mobile,
            boolean enrolled,
            String reason) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        String patientRef = "urn:uuid:" + UUID.randomUUID();
        Patient patient = new Patient();
        patient.addName().setFamily("Bundle").addGiven("Test");
        patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType(birthDate));
        if (deceased) {
            patient.setDeceased(new BooleanType(true));
        }
        patient.addTelecom()
                .setSystem(ContactPoint.ContactPointSystem.PHONE)
                .setUse(ContactPoint.ContactPointUse.HOME)
                .setValue("617-555-0111");
        if (mobile) {
            patient.addTelecom()
                    .setSystem(ContactPoint.ContactPointSystem.PHONE)
                    .setUse(ContactPoint.ContactPointUse.MOBILE)
                    .setValue("617-555-0" + (100 + (int) (Math.random() * 899)));
        }
        bundle.addEntry()
                .setFullUrl(patientRef)
                .setResource(patient)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Patient");
        Instant discharge = ClockUtil.now().toInstant().minus(Duration.ofHours(3));
        Encounter stay = new Encounter();
        stay.setStatus(Encounter.EncounterStatus.FINISHED);
        stay.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP", null));
        stay.setSubject(new Reference(patientRef));
        stay.setPeriod(new Period()
                .setStart(Date.from(discharge.minus(Duration.ofDays(1))))
                .setEnd(Date.from(discharge)));
        if (disposition != null) {
            stay.getHospitalization()
                    .setDischargeDisposition(new CodeableConcept(new Coding(
                            "http://terminology.hl7.org/CodeSystem/discharge-disposition", disposition, null)));
        }
        bundle.addEntry()
                .setResource(stay)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl("Encounter");

        Bundle response = fhirAs("ehr").transaction().withBundle(bundle).execute();
        String encounterId = response.getEntry().stream()
                .map(e -> e.getResponse().getLocation())
                .filter(l -> l.startsWith("Encounter/"))
                .findFirst()
                .orElseThrow()
                .split("/")[1];
        awaitOutboxDrained();

        assertThat(engineDb.queryForList(
                        "select reason from enrolment_decision where encounter_id = ?", String.class, encounterId))
                .as(situation)
                .containsExactly(reason);
        assertThat(engineDb.queryForObject(
                        "select count(*) from enrolment where encounter_id = ?", Integer.class, encounterId))
                .isEqualTo(enrolled ? 1 : 0);
        assertThat(runtime.createProcessInstanceQuery()
                        .processInstanceBusinessKey("post-discharge:" + encounterId)
                        .count())
                .isEqualTo(enrolled ? 1 : 0);
    }

    @Test
    void aCarePlanThatCouldNotBeWrittenIsWrittenWhenTheStayIsReadAgain() {
        String patientId = patient(
                "+1508555"
                        + (9000
                                + java.util.concurrent.ThreadLocalRandom.current()
                                        .nextInt(900)),
                "en",
                p -> {});
        org.camunda.bpm.engine.runtime.ProcessInstance program = enrolByDischarge(patientId, "post-discharge");
        String encounterId = program.getBusinessKey().substring("post-discharge:".length());
        String enrolmentId = "post-discharge-" + encounterId;
        awaitOutboxDrained();
        var carePlans = daos.getResourceDao(org.hl7.fhir.r4.model.CarePlan.class);
        var system = new ca.uhn.fhir.rest.api.server.SystemRequestDetails();
        // as if the FHIR write had failed after the enrolment committed
        carePlans.delete(new org.hl7.fhir.r4.model.IdType("CarePlan", "enrolment-" + enrolmentId), system);
        var encounters = daos.getResourceDao(org.hl7.fhir.r4.model.Encounter.class);
        org.hl7.fhir.r4.model.Encounter again =
                encounters.read(new org.hl7.fhir.r4.model.IdType("Encounter", encounterId), system);
        again.addIdentifier().setSystem("urn:test").setValue("again");

        encounters.update(again, system);
        awaitOutboxDrained();

        assertThat(carePlans
                        .read(new org.hl7.fhir.r4.model.IdType("CarePlan", "enrolment-" + enrolmentId), system)
                        .getStatus())
                .isEqualTo(org.hl7.fhir.r4.model.CarePlan.CarePlanStatus.ACTIVE);
        assertThat(engineDb.queryForObject(
                        "select count(*) from enrolment where patient_id = ?", Integer.class, patientId))
                .isEqualTo(1);
    }

    @Autowired
    IInterceptorService interceptors;

    @Test
    void anEnrolmentReadsThePatientsRecordOnceToDecideAndToStartTheProgramInTheirDepartmentUnderTheirName() {
        String patientId = patient("+16175550178", "en", p -> {});
        java.util.concurrent.atomic.AtomicReference<ProcessInstance> started =
                new java.util.concurrent.atomic.AtomicReference<>();

        PatientReads reads = PatientReads.during(
                interceptors, patientId, () -> started.set(enrolByDischarge(patientId, "post-discharge")));

        assertThat(runtime.getVariable(started.get().getId(), ProcessVariables.PATIENT_DISPLAY_NAME))
                .isEqualTo("Pat S.");
        assertThat(started.get().getTenantId()).isEqualTo("main");
        assertThat(reads.on("outbox-enrolment"))
                .as("the decision, the department and the display name share one read")
                .isEqualTo(1);
    }
}
