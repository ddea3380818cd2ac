package org.careloop.engine.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SealedContactSearchesTest {

    @ParameterizedTest(name = "{0}?{1}")
    @CsvSource({
        "Patient, phone",
        "Patient, email:exact",
        "RelatedPerson, telecom",
        "Observation, subject:Patient.phone",
        "Observation, patient.email",
        "Patient, _has:RelatedPerson:patient:phone"
    })
    void searchesByAPatientsOrRelatedPersonsSealedContactAreRecognisedWithModifiersChainsAndHas(
            String resource, String parameter) {
        assertThat(SealedContactSearches.searchesASealedContact(resource, parameter))
                .isTrue();
    }

    @ParameterizedTest(name = "{0}?{1}")
    @CsvSource({
        "Patient, name",
        "Patient, identifier",
        "Practitioner, phone",
        "Encounter, participant:Practitioner.phone",
        "Patient, _has:Practitioner:x:phone",
        "Patient, phonetic"
    })
    void otherSearchesAndStaffContactsStaySearchable(String resource, String parameter) {
        assertThat(SealedContactSearches.searchesASealedContact(resource, parameter))
                .isFalse();
    }
}
