package org.careloop.engine.fhir;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.Optional;
import java.util.stream.Collectors;
import org.careloop.engine.contact.PhoneNumbers;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;

/** Reads patients from the bundled FHIR server and reduces them to a {@link PatientSummary}. */
@Component
public class PatientDirectory {

    /** The record a caller on this thread read a moment ago ({@link #knowing}). */
    private static final ThreadLocal<Patient> KNOWN = new ThreadLocal<>();

    private final DaoRegistry daos;
    private final PhoneNumbers phoneNumbers;

    PatientDirectory(DaoRegistry daos, PhoneNumbers phoneNumbers) {
        this.daos = daos;
        this.phoneNumbers = phoneNumbers;
    }

    public Optional<PatientSummary> find(String patientId) {
        return record(patientId).map(this::summarise);
    }

    /**
     * The one patient with this medical record number; empty when none has it, or when two records share it (then
     * staff ask the EHR team which is right rather than pick one).
     */
    public Optional<PatientSummary> findByMrn(String mrn) {
        var query = ca.uhn.fhir.jpa.searchparam.SearchParameterMap.newSynchronous(
                Patient.SP_IDENTIFIER, new ca.uhn.fhir.rest.param.TokenParam(mrn));
        var found =
                daos.getResourceDao(Patient.class).search(query, new SystemRequestDetails()).getResources(0, 2).stream()
                        .map(Patient.class::cast)
                        .map(this::summarise)
                        .filter(p -> mrn.equals(p.mrn()))
                        .toList();
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    /**
     * The display names of these patients, by id, in one search per hundred (a patient that cannot be read is left
     * out): for lists, which show a name per row.
     */
    public java.util.Map<String, String> displayNames(java.util.Collection<String> patientIds) {
        java.util.Map<String, String> names = new java.util.HashMap<>();
        java.util.List<String> ids = patientIds.stream().distinct().toList();
        for (int from = 0; from < ids.size(); from += 100) {
            java.util.List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 100));
            var query = ca.uhn.fhir.jpa.searchparam.SearchParameterMap.newSynchronous()
                    .add(
                            org.hl7.fhir.instance.model.api.IAnyResource.SP_RES_ID,
                            new ca.uhn.fhir.rest.param.TokenOrListParam(null, chunk.toArray(String[]::new)));
            query.setCount(chunk.size());
            daos
                    .getResourceDao(Patient.class)
                    .search(query, new SystemRequestDetails())
                    .getResources(0, chunk.size())
                    .stream()
                    .map(Patient.class::cast)
                    .forEach(patient -> names.put(patient.getIdElement().getIdPart(), displayName(patient)));
        }
        return names;
    }

    /** The patient's preferred language, or null when unknown (or no such patient). */
    public String language(String patientId) {
        return find(patientId).map(PatientSummary::language).orElse(null);
    }

    /**
     * Runs the work with the patient's record as the caller read it a moment ago: on this thread, within the work, a
     * read of that patient answers with it instead of reading it again (a program's start reads the patient for its
     * department and for the display name of its instance, just after the enrolment read it to decide).
     */
    public <T> T knowing(Patient patient, java.util.function.Supplier<T> work) {
        Patient outer = KNOWN.get();
        KNOWN.set(patient);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                KNOWN.remove();
            } else {
                KNOWN.set(outer);
            }
        }
    }

    /** The whole FHIR record, for the AI gateway's redaction only: every identifier in it must be found in free text. */
    public Optional<Patient> record(String patientId) {
        if (patientId == null) {
            return Optional.empty();
        }
        Patient known = KNOWN.get();
        if (known != null && patientId.equals(known.getIdElement().getIdPart())) {
            return Optional.of(known);
        }
        try {
            return Optional.of(daos.getResourceDao(Patient.class)
                    .read(new IdType("Patient", patientId), new SystemRequestDetails()));
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return Optional.empty();
        }
    }

    /** Whether the contact point comes before the other by rank (an unranked or missing other comes after). */
    private static boolean rankedBefore(ContactPoint point, Optional<ContactPoint> other) {
        return other.isEmpty()
                || !other.get().hasRank()
                || point.getRank() < other.get().getRank();
    }

    public PatientSummary summarise(Patient patient) {
        String name = displayName(patient);
        boolean deceased = patient.hasDeceasedBooleanType()
                ? patient.getDeceasedBooleanType().booleanValue()
                : patient.hasDeceasedDateTimeType();
        String mobile = patient.getTelecom().stream()
                .filter(c -> c.getSystem() == ContactPoint.ContactPointSystem.PHONE
                        || c.getSystem() == ContactPoint.ContactPointSystem.SMS)
                .filter(c -> c.getUse() == ContactPoint.ContactPointUse.MOBILE
                        || c.getSystem() == ContactPoint.ContactPointSystem.SMS)
                .filter(c -> !c.hasPeriod() || !c.getPeriod().hasEnd())
                .map(c -> phoneNumbers.mobileE164(c.getValue()))
                .flatMap(Optional::stream)
                .findFirst()
                .orElse(null);
        Optional<ContactPoint> mobilePoint = patient.getTelecom().stream()
                .filter(c -> c.getSystem() == ContactPoint.ContactPointSystem.PHONE
                        || c.getSystem() == ContactPoint.ContactPointSystem.SMS)
                .filter(c -> mobile != null
                        && mobile.equals(phoneNumbers.mobileE164(c.getValue()).orElse(null)))
                .findFirst();
        Optional<ContactPoint> emailPoint = patient.getTelecom().stream()
                .filter(c -> c.getSystem() == ContactPoint.ContactPointSystem.EMAIL)
                .filter(c -> !c.hasPeriod() || !c.getPeriod().hasEnd())
                .filter(c -> isEmailAddress(c.getValue()))
                .findFirst();
        String email = emailPoint.map(c -> c.getValue().strip()).orElse(null);
        boolean prefersEmail =
                emailPoint.isPresent() && emailPoint.get().hasRank() && rankedBefore(emailPoint.get(), mobilePoint);
        // the number to call: a home phone (often a landline, which takes no texts), else the mobile; never a work
        // phone, which others may answer
        Optional<ContactPoint> phonePoint = patient.getTelecom().stream()
                .filter(c -> c.getSystem() == ContactPoint.ContactPointSystem.PHONE)
                .filter(c -> c.getUse() == ContactPoint.ContactPointUse.HOME
                        || c.getUse() == ContactPoint.ContactPointUse.MOBILE)
                .filter(c -> !c.hasPeriod() || !c.getPeriod().hasEnd())
                .filter(c -> phoneNumbers.callableE164(c.getValue()).isPresent())
                .sorted(java.util.Comparator.comparing(c -> c.getUse() != ContactPoint.ContactPointUse.HOME))
                .findFirst();
        String phone =
                phonePoint.flatMap(c -> phoneNumbers.callableE164(c.getValue())).orElse(null);
        // a call comes first only for a phone that is not the mobile, ranked before the mobile and the email
        boolean prefersVoice = phone != null
                && !phone.equals(mobile)
                && phonePoint.get().hasRank()
                && rankedBefore(phonePoint.get(), mobilePoint)
                && rankedBefore(phonePoint.get(), emailPoint);
        String language = patient.getCommunication().stream()
                .filter(c -> c.getLanguage().hasCoding())
                .sorted((a, b) -> Boolean.compare(b.getPreferred(), a.getPreferred()))
                .map(c -> c.getLanguage().getCodingFirstRep().getCode())
                .findFirst()
                .orElse("en");
        String organization = patient.getManagingOrganization().hasReferenceElement()
                        && "Organization"
                                .equals(patient.getManagingOrganization()
                                        .getReferenceElement()
                                        .getResourceType())
                ? patient.getManagingOrganization().getReferenceElement().getIdPart()
                : null;
        return new PatientSummary(
                patient.getIdElement().getIdPart(),
                name,
                birthDate(patient),
                deceased,
                mobile,
                language,
                organization,
                PatientZones.of(patient),
                email,
                prefersEmail,
                patient.getIdentifier().stream()
                        .filter(i -> i.getType().getCoding().stream().anyMatch(c -> "MR".equals(c.getCode())))
                        .map(org.hl7.fhir.r4.model.Identifier::getValue)
                        .findFirst()
                        .orElse(null),
                phone,
                prefersVoice);
    }

    /** An address of the form RFC 5322 allows in a To header, with a domain that has a dot. */
    static boolean isEmailAddress(String value) {
        if (value == null || value.isBlank() || value.length() > 320) {
            return false;
        }
        try {
            jakarta.mail.internet.InternetAddress address =
                    new jakarta.mail.internet.InternetAddress(value.strip(), true);
            address.validate();
            String domain = address.getAddress().substring(address.getAddress().indexOf('@') + 1);
            return address.getPersonal() == null && domain.contains(".") && !domain.endsWith(".");
        } catch (jakarta.mail.internet.AddressException e) {
            return false;
        }
    }

    private static java.time.LocalDate birthDate(Patient patient) {
        if (!patient.hasBirthDate()) {
            return null;
        }
        var date = patient.getBirthDateElement();
        return java.time.LocalDate.of(
                date.getYear(),
                date.getMonth() == null ? 1 : date.getMonth() + 1,
                date.getDay() == null ? 1 : date.getDay());
    }

    private static String displayName(Patient patient) {
        return patient.getName().stream()
                .findFirst()
                .map(PatientDirectory::display)
                .orElse("(no name)");
    }

    private static String display(HumanName name) {
        String given = name.getGiven().stream().map(Object::toString).collect(Collectors.joining(" "));
        return (given + " " + (name.hasFamily() ? name.getFamily() : "")).trim();
    }
}
