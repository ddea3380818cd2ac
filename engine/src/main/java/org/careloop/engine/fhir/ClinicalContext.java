package org.careloop.engine.fhir;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.springframework.stereotype.Service;

/**
 * The clinical context a nurse or a pharmacist needs beside a patient's reply, from the FHIR facade: the diagnoses of
 * the stay that enrolled the patient, and the medications active now. A few lines each; no notes, no history.
 */
@Service
public class ClinicalContext {

    static final int MAX_DIAGNOSES = 5;
    static final int MAX_MEDICATIONS = 10;

    private final DaoRegistry daos;

    ClinicalContext(DaoRegistry daos) {
        this.daos = daos;
    }

    /** The stay's diagnoses: its {@code diagnosis} Conditions, its reasons, and Conditions recorded in it. */
    public List<String> diagnosesOf(String encounterId) {
        if (encounterId == null || !encounterId.matches("[A-Za-z0-9\\-.]{1,64}")) {
            return List.of();
        }
        Encounter stay;
        try {
            stay = daos.getResourceDao(Encounter.class)
                    .read(new IdType("Encounter", encounterId), new SystemRequestDetails());
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return List.of();
        }
        Set<String> found = new LinkedHashSet<>();
        for (Encounter.DiagnosisComponent diagnosis : stay.getDiagnosis()) {
            if (diagnosis.getCondition().hasDisplay()) {
                found.add(diagnosis.getCondition().getDisplay());
            } else if (diagnosis.getCondition().getReferenceElement().hasIdPart()) {
                condition(diagnosis.getCondition().getReferenceElement().getIdPart())
                        .ifPresent(found::add);
            }
        }
        stay.getReasonCode().stream()
                .map(ClinicalContext::words)
                .filter(w -> w != null)
                .forEach(found::add);
        SearchParameterMap recorded = new SearchParameterMap()
                .setLoadSynchronous(true)
                .add(Condition.SP_ENCOUNTER, new ReferenceParam("Encounter/" + encounterId));
        recorded.setCount(MAX_DIAGNOSES);
        daos.getResourceDao(Condition.class).search(recorded, new SystemRequestDetails()).getAllResources().stream()
                .map(Condition.class::cast)
                .map(c -> words(c.getCode()))
                .filter(w -> w != null)
                .forEach(found::add);
        return found.stream().limit(MAX_DIAGNOSES).toList();
    }

    /** The patient's active medication requests: the medicine, and its dosage as written. */
    public List<String> activeMedicationsOf(String patientId) {
        if (patientId == null) {
            return List.of();
        }
        SearchParameterMap active = new SearchParameterMap()
                .setLoadSynchronous(true)
                .add(MedicationRequest.SP_PATIENT, new ReferenceParam("Patient/" + patientId))
                .add(MedicationRequest.SP_STATUS, new TokenParam("active"));
        active.setCount(MAX_MEDICATIONS);
        return daos
                .getResourceDao(MedicationRequest.class)
                .search(active, new SystemRequestDetails())
                .getAllResources()
                .stream()
                .map(MedicationRequest.class::cast)
                .map(m -> {
                    String medicine = m.hasMedicationCodeableConcept()
                            ? words(m.getMedicationCodeableConcept())
                            : m.getMedicationReference().getDisplay();
                    if (medicine == null) {
                        return null;
                    }
                    String dosage = m.getDosageInstructionFirstRep().getText();
                    return dosage == null || dosage.isBlank() ? medicine : medicine + " — " + dosage;
                })
                .filter(w -> w != null)
                .distinct()
                .limit(MAX_MEDICATIONS)
                .toList();
    }

    private java.util.Optional<String> condition(String id) {
        try {
            return java.util.Optional.ofNullable(words(daos.getResourceDao(Condition.class)
                    .read(new IdType("Condition", id), new SystemRequestDetails())
                    .getCode()));
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return java.util.Optional.empty();
        }
    }

    /** A concept in words: its text, else its first coding's display. */
    private static String words(CodeableConcept concept) {
        if (concept == null) {
            return null;
        }
        if (concept.hasText()) {
            return concept.getText();
        }
        return concept.getCoding().stream()
                .filter(c -> c.hasDisplay())
                .map(c -> c.getDisplay())
                .findFirst()
                .orElse(null);
    }
}
