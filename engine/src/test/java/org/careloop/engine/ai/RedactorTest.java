package org.careloop.engine.ai;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

class RedactorTest {

    private static PatientIdentifiers maria() {
        Patient patient = new Patient();
        patient.addName().setFamily("Lopez482").addGiven("Maria915").addGiven("Elena");
        patient.setBirthDate(Date.from(java.time.LocalDate.of(1961, 3, 14)
                .atStartOfDay(java.time.ZoneOffset.UTC)
                .toInstant()));
        patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue("617-555-0142");
        patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue("maria.lopez@example.org");
        patient.addAddress().addLine("12 Elm Street").setCity("Springfield").setPostalCode("01103");
        patient.addIdentifier().setSystem("http://hospital.example.org/mrn").setValue("MRN-778812");
        return PatientIdentifiers.of(patient);
    }

    @Test
    void thePatientsOwnIdentifiersBecomeTokens() {
        Redactor.Redaction r = Redactor.redact(
                "This is Maria Lopez, born 3/14/1961, MRN-778812. Call me at (617) 555 0142 or "
                        + "maria.lopez@example.org, I live at 12 Elm Street in Springfield 01103. My chest hurts.",
                maria());

        assertThat(r.text())
                .doesNotContainIgnoringCase("maria")
                .doesNotContainIgnoringCase("lopez")
                .doesNotContain("1961")
                .doesNotContain("778812")
                .doesNotContain("0142")
                .doesNotContain("Elm")
                .doesNotContain("Springfield")
                .doesNotContain("01103")
                .contains("[PATIENT_NAME_1]")
                .contains("My chest hurts.");
    }

    @Test
    void otherNamesDatesNumbersAndEmailsArePatternRedacted() {
        Redactor.Redaction r = Redactor.redact(
                "my husband John Carter drove me, saw Dr. Patel on March 3rd, "
                        + "his number is +1 (508) 555-0199 and email jc@mail.example, claim 99812345",
                PatientIdentifiers.none());

        assertThat(r.text())
                .doesNotContain("John")
                .doesNotContain("Carter")
                .doesNotContain("Patel")
                .doesNotContain("March 3rd")
                .doesNotContain("0199")
                .doesNotContain("jc@mail")
                .doesNotContain("99812345");
    }

    @Test
    void clinicalValuesStay() {
        Redactor.Redaction r =
                Redactor.redact("bp 150/95, sugar 182, temp 101.5 and pain 8/10", PatientIdentifiers.none());

        assertThat(r.text()).isEqualTo("bp 150/95, sugar 182, temp 101.5 and pain 8/10");
    }

    @Test
    void tokensAreStableAndStaffGetTheValuesBack() {
        Redactor.Redaction r = Redactor.redact("Maria here. maria again, call 617-555-0142", maria());

        assertThat(r.text()).isEqualTo("[PATIENT_NAME_1] here. [PATIENT_NAME_1] again, call [PHONE_1]");
        assertThat(r.reidentify("[PATIENT_NAME_1] reports a red flag, call [PHONE_1]"))
                .isEqualTo("Maria reports a red flag, call 617-555-0142");
    }
}
