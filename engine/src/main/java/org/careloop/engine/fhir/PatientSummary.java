package org.careloop.engine.fhir;

import java.time.LocalDate;

/**
 * The minimum a care-team member or an outreach step needs about a patient: no address, no diagnoses.
 *
 * @param mobile       the patient's mobile number in E.164, or {@code null} when none valid is on file
 * @param organization the id of the Organization that manages the patient's record ({@code
 *                     Patient.managingOrganization}), or {@code null}: it places the patient in a department
 * @param zone         the patient's time zone (the record's own, else the state of the address), or {@code null}
 * @param email        the patient's email address, or {@code null} when none valid is on file
 * @param prefersEmail whether the record ranks the email address before the mobile number ({@code
 *                     ContactPoint.rank}); without ranks, texts come first
 * @param mrn          the medical record number ({@code Patient.identifier} of type MR), or {@code null}
 * @param phone        the number to call, in E.164: the home phone, else the mobile; or {@code null}
 * @param prefersVoice whether the record ranks that phone before the mobile number and the email address
 */
public record PatientSummary(
        String id,
        String displayName,
        LocalDate birthDate,
        boolean deceased,
        String mobile,
        String language,
        String organization,
        java.time.ZoneId zone,
        String email,
        boolean prefersEmail,
        String mrn,
        String phone,
        boolean prefersVoice) {

    public Integer ageOn(LocalDate date) {
        return birthDate == null
                ? null
                : java.time.Period.between(birthDate, date).getYears();
    }
}
