package org.careloop.engine.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SealedContactSearchesTest {

    @Test
    void searchesByAPatientsOrRelatedPersonsSealedContactAreRecognisedWithModifiersChainsAndHas() {
        assertThat(SealedContactSearches.searchesASealedContact("Patient", "phone"))
                .isTrue();
        assertThat(SealedContactSearches.searchesASealedContact("Patient", "email:exact"))
                .isTrue();
        assertThat(SealedContactSearches.searchesASealedContact("RelatedPerson", "telecom"))
                .isTrue();
        assertThat(SealedContactSearches.searchesASealedContact("Observation", "subject:Patient.phone"))
                .isTrue();
        assertThat(SealedContactSearches.searchesASealedContact("Observation", "patient.email"))
                .isTrue();
        assertThat(SealedContactSearches.searchesASealedContact("Patient", "_has:RelatedPerson:patient:phone"))
                .isTrue();
    }

    @Test
    void otherSearchesAndStaffContactsStaySearchable() {
        assertThat(SealedContactSearches.searchesASealedContact("Patient", "name"))
                .isFalse();
        assertThat(SealedContactSearches.searchesASealedContact("Patient", "identifier"))
                .isFalse();
        assertThat(SealedContactSearches.searchesASealedContact("Practitioner", "phone"))
                .isFalse();
        assertThat(SealedContactSearches.searchesASealedContact("Encounter", "participant:Practitioner.phone"))
                .isFalse();
        assertThat(SealedContactSearches.searchesASealedContact("Patient", "_has:Practitioner:x:phone"))
                .isFalse();
        assertThat(SealedContactSearches.searchesASealedContact("Patient", "phonetic"))
                .isFalse();
    }
}
