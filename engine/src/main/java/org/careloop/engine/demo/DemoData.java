package org.careloop.engine.demo;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Demo profile only: two synthetic patients (Synthea), and for each a hospital stay that ends now. The
 * first was discharged home just under 24 hours ago, so its first check-in goes out within a minute of
 * start; the second went to a skilled nursing facility and is not enrolled (see the recorded decision).
 */
@Component
@Profile("demo")
@ConditionalOnProperty(name = "careloop.demo.load-data", havingValue = "true", matchIfMissing = true)
@Order(1)
class DemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    private static final String DEMO_SYSTEM = "https://careloop.org/fhir/sid/demo-patient";

    private final IFhirSystemDao<Bundle, ?> system;
    private final DaoRegistry daos;
    private final FhirContext fhir;
    private final Clock clock;
    private final Duration firstCheckInDelay;

    DemoData(
            IFhirSystemDao<Bundle, ?> system,
            DaoRegistry daos,
            FhirContext fhir,
            Clock clock,
            @Value("${careloop.demo.first-check-in-delay:20s}") Duration firstCheckInDelay) {
        this.system = system;
        this.daos = daos;
        this.fhir = fhir;
        this.clock = clock;
        this.firstCheckInDelay = firstCheckInDelay;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        var existing = daos.getResourceDao(Patient.class)
                .search(
                        new ca.uhn.fhir.jpa.searchparam.SearchParameterMap()
                                .setLoadSynchronous(true)
                                .add(Patient.SP_IDENTIFIER, new ca.uhn.fhir.rest.param.TokenParam(DEMO_SYSTEM, null)),
                        new SystemRequestDetails());
        if (!existing.isEmpty()) {
            log.info("Demo patients already present; not loaded again");
            return;
        }
        Instant now = clock.instant();
        String brady = load("demo/patient-brady.json");
        discharge(
                brady,
                now.minus(Duration.ofHours(24)).plus(firstCheckInDelay),
                "01",
                "Discharged to home or self care");
        String spanish = load("demo/patient-spanish.json");
        discharge(spanish, now.minus(Duration.ofHours(2)), "03", "Discharged to skilled nursing facility");
        // a follow-up visit in two days: its 72-hour reminder is already due and goes out at once
        book(spanish, now.plus(Duration.ofHours(50)).truncatedTo(java.time.temporal.ChronoUnit.HOURS), null);
        // a procedure in five days: its instructions (due a week before) go out at once
        String procedure = load("demo/patient-procedure.json");
        book(
                procedure,
                now.plus(Duration.ofDays(5)).truncatedTo(java.time.temporal.ChronoUnit.HOURS),
                order(procedure));
        // heart failure: a daily weight check-in, the first at once
        String chronic = load("demo/patient-chronic.json");
        // the heart center's patient: her programs and handoffs belong to its department (heart-nurse sees them)
        managedBy(chronic, HEART_CENTER, "Springfield Heart Center");
        heartFailure(chronic);
        // only a home phone (a landline, which takes no texts): her appointment reminder is an automated call, which
        // the patient phone simulator answers with a keypad
        String landline = landlinePatient();
        book(landline, now.plus(Duration.ofHours(50)).truncatedTo(java.time.temporal.ChronoUnit.HOURS), null);
        // a woman of 62 with no screening on record: the first care-gap sweep (a minute after start) invites her
        String screening = screeningDue();
        log.info(
                "Demo data loaded: patient {} will get a first check-in in about {} s, patient {} an appointment "
                        + "reminder, patient {} procedure instructions, patient {} a daily weight check-in at once "
                        + "and patient {} invitations to close care gaps at the first sweep; patient {} gets a reminder "
                        + "call (answer them at /simulator)",
                brady,
                firstCheckInDelay.toSeconds(),
                spanish,
                procedure,
                chronic,
                screening,
                landline);
    }

    private String load(String resource) throws IOException {
        try (InputStream in = new ClassPathResource(resource).getInputStream()) {
            Bundle bundle = fhir.newJsonParser().parseResource(Bundle.class, in);
            Bundle response = system.transaction(new SystemRequestDetails(), bundle);
            return response.getEntry().stream()
                    .map(e -> e.getResponse().getLocation())
                    .filter(location -> location != null && location.startsWith("Patient/"))
                    .map(location -> location.split("/")[1])
                    .findFirst()
                    .orElseThrow();
        }
    }

    /** A patient due for preventive care: in no other program, so the care-gap sweep invites her. */
    private String screeningDue() {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(DEMO_SYSTEM).setValue("screening-due");
        patient.addName().setFamily("Okafor").addGiven("Grace");
        patient.setGender(org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.FEMALE);
        patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType(clock.instant()
                .atZone(java.time.ZoneOffset.UTC)
                .toLocalDate()
                .minusYears(62)
                .withDayOfYear(40)
                .toString()));
        patient.addTelecom()
                .setSystem(org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem.PHONE)
                .setUse(org.hl7.fhir.r4.model.ContactPoint.ContactPointUse.MOBILE)
                .setValue("+1 617-555-0191");
        return daos.getResourceDao(Patient.class)
                .create(patient, new SystemRequestDetails())
                .getId()
                .getIdPart();
    }

    /** A patient reachable only by a home phone: reminders reach her by an automated call. */
    private String landlinePatient() {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(DEMO_SYSTEM).setValue("landline-only");
        patient.addName().setFamily("Novak").addGiven("Helen");
        patient.setGender(org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.FEMALE);
        patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1941-06-12"));
        patient.addTelecom()
                .setSystem(org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem.PHONE)
                .setUse(org.hl7.fhir.r4.model.ContactPoint.ContactPointUse.HOME)
                .setValue("+1 617-555-0192");
        return daos.getResourceDao(Patient.class)
                .create(patient, new SystemRequestDetails())
                .getId()
                .getIdPart();
    }

    /** The Organization of the demo's second department (application-demo.yml lists it). */
    static final String HEART_CENTER = "heart-center";

    private void managedBy(String patientId, String organizationId, String name) {
        org.hl7.fhir.r4.model.Organization organization = new org.hl7.fhir.r4.model.Organization();
        organization.setId(organizationId);
        organization.setName(name);
        organization.setActive(true);
        daos.getResourceDao(org.hl7.fhir.r4.model.Organization.class).update(organization, new SystemRequestDetails());
        Patient patient = daos.getResourceDao(Patient.class)
                .read(new org.hl7.fhir.r4.model.IdType("Patient", patientId), new SystemRequestDetails());
        patient.setManagingOrganization(new Reference("Organization/" + organizationId));
        daos.getResourceDao(Patient.class).update(patient, new SystemRequestDetails());
    }

    private void heartFailure(String patientId) {
        org.hl7.fhir.r4.model.Condition condition = new org.hl7.fhir.r4.model.Condition();
        condition.setClinicalStatus(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", "Active")));
        condition.setVerificationStatus(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed", "Confirmed")));
        condition.setCode(new CodeableConcept(
                new Coding("http://snomed.info/sct", "88805009", "Chronic congestive heart failure")));
        condition.setSubject(new Reference("Patient/" + patientId));
        daos.getResourceDao(org.hl7.fhir.r4.model.Condition.class).create(condition, new SystemRequestDetails());
    }

    /** An order for a procedure; an appointment based on it is for a procedure. */
    private String order(String patientId) {
        org.hl7.fhir.r4.model.ServiceRequest order = new org.hl7.fhir.r4.model.ServiceRequest();
        order.setStatus(org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus.ACTIVE);
        order.setIntent(org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestIntent.ORDER);
        order.setCode(new CodeableConcept(new Coding("http://snomed.info/sct", "73761001", "Colonoscopy")));
        order.setSubject(new Reference("Patient/" + patientId));
        return daos.getResourceDao(org.hl7.fhir.r4.model.ServiceRequest.class)
                .create(order, new SystemRequestDetails())
                .getId()
                .getIdPart();
    }

    private void book(String patientId, Instant start, String orderId) {
        org.hl7.fhir.r4.model.Appointment visit = new org.hl7.fhir.r4.model.Appointment();
        visit.setStatus(org.hl7.fhir.r4.model.Appointment.AppointmentStatus.BOOKED);
        visit.setDescription(orderId == null ? "Follow-up visit" : "Procedure");
        if (orderId != null) {
            visit.addBasedOn(new Reference("ServiceRequest/" + orderId));
        }
        visit.setStart(Date.from(start));
        visit.setEnd(Date.from(start.plus(Duration.ofMinutes(30))));
        visit.addParticipant()
                .setActor(new Reference("Patient/" + patientId))
                .setStatus(org.hl7.fhir.r4.model.Appointment.ParticipationStatus.NEEDSACTION);
        daos.getResourceDao(org.hl7.fhir.r4.model.Appointment.class).create(visit, new SystemRequestDetails());
    }

    private void discharge(String patientId, Instant end, String disposition, String display) {
        Encounter stay = new Encounter();
        stay.setStatus(Encounter.EncounterStatus.FINISHED);
        stay.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IMP", "inpatient encounter"));
        stay.addType(new CodeableConcept(new Coding("http://snomed.info/sct", "183452005", "Encounter Inpatient")));
        stay.setSubject(new Reference("Patient/" + patientId));
        stay.setPeriod(
                new Period().setStart(Date.from(end.minus(Duration.ofDays(3)))).setEnd(Date.from(end)));
        stay.getHospitalization()
                .setDischargeDisposition(
                        new CodeableConcept(new Coding("http://www.nubc.org/patient-discharge", disposition, display)));
        daos.getResourceDao(Encounter.class).create(stay, new SystemRequestDetails());
    }
}
