package org.careloop.engine.programs;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

class PatientDisplayNamesTest {

    @Test
    void theOfficialNamesFirstGivenNameAndFamilyInitialNoMore() {
        Patient patient = new Patient();
        patient.addName().setUse(HumanName.NameUse.NICKNAME).setFamily("Smith").addGiven("Bobby");
        patient.addName()
                .setUse(HumanName.NameUse.OFFICIAL)
                .setFamily(" Ortega Ruiz")
                .addGiven("María")
                .addGiven("Luisa")
                .addPrefix("Mrs.");

        assertThat(PatientDisplayNames.displayName(patient)).hasValue("María O.");
    }

    @Test
    void withoutAnOfficialNameTheFirstRecordedOneServes() {
        Patient patient = new Patient();
        patient.addName().setFamily("Nguyen").addGiven("Thi");

        assertThat(PatientDisplayNames.displayName(patient)).hasValue("Thi N.");
    }

    @Test
    void aNameWithOnlyOnePartGivesThatPartAndNoNameGivesNothing() {
        Patient givenOnly = new Patient();
        givenOnly.addName().addGiven("Madonna");
        Patient familyOnly = new Patient();
        familyOnly.addName().setFamily("𝒵eta");
        Patient blank = new Patient();
        blank.addName().addGiven("  ");

        assertThat(PatientDisplayNames.displayName(givenOnly)).hasValue("Madonna");
        assertThat(PatientDisplayNames.displayName(familyOnly)).hasValue("𝒵.");
        assertThat(PatientDisplayNames.displayName(blank)).isEmpty();
        assertThat(PatientDisplayNames.displayName(new Patient())).isEmpty();
    }
}
