package org.careloop.engine.caregaps;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.careloop.engine.chronic.ChronicConditions;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/**
 * The facts the care-gap decision needs, for a page of patients at a time: one search per resource type for the
 * whole page, never one per patient. For each patient, the latest date of the care that closes each gap, and
 * whether the patient has diabetes.
 */
@Component
class CareGapFacts {

    static final String SNOMED = "http://snomed.info/sct";
    static final String LOINC = "http://loinc.org";
    static final String CVX = "http://hl7.org/fhir/sid/cvx";
    static final String CPT = "http://www.ama-assn.org/go/cpt";

    /** Which code, in which system, closes which gap. */
    record Evidence(String gap, String system, String code) {}

    static final List<Evidence> PROCEDURES = List.of(
            new Evidence("breast-cancer-screening", SNOMED, "71651007"),
            new Evidence("breast-cancer-screening", SNOMED, "24623002"),
            new Evidence("breast-cancer-screening", SNOMED, "241055006"),
            new Evidence("colorectal-screening", SNOMED, "73761001"),
            new Evidence("colorectal-screening", SNOMED, "446521004"),
            new Evidence("colorectal-screening", SNOMED, "44441009"));
    static final List<Evidence> REPORTS = List.of(
            new Evidence("breast-cancer-screening", LOINC, "24606-6"),
            new Evidence("breast-cancer-screening", LOINC, "36625-2"),
            new Evidence("colorectal-screening", LOINC, "18746-8"));
    static final List<Evidence> OBSERVATIONS = List.of(
            new Evidence("hba1c", LOINC, "4548-4"),
            new Evidence("hba1c", LOINC, "17856-6"),
            new Evidence("colorectal-screening", LOINC, "57905-2"),
            new Evidence("colorectal-screening", LOINC, "29771-3"));
    static final List<Evidence> VACCINES = List.of(
            new Evidence("influenza-vaccine", CVX, "140"),
            new Evidence("influenza-vaccine", CVX, "141"),
            new Evidence("influenza-vaccine", CVX, "150"),
            new Evidence("influenza-vaccine", CVX, "158"),
            new Evidence("influenza-vaccine", CVX, "161"),
            new Evidence("influenza-vaccine", CVX, "185"),
            new Evidence("influenza-vaccine", CVX, "197"),
            new Evidence("influenza-vaccine", CVX, "205"));
    static final List<Evidence> VISITS = List.of(
            new Evidence("annual-wellness", SNOMED, "162673000"),
            new Evidence("annual-wellness", SNOMED, "185349003"),
            new Evidence("annual-wellness", SNOMED, "410620009"),
            new Evidence("annual-wellness", CPT, "G0438"),
            new Evidence("annual-wellness", CPT, "G0439"),
            new Evidence("annual-wellness", CPT, "99396"),
            new Evidence("annual-wellness", CPT, "99397"));

    /** A page's facts: per patient, the latest qualifying date per gap; and who has diabetes. */
    record Page(Map<String, Map<String, Instant>> latest, Set<String> diabetic) {
        Instant latest(String patientId, String gap) {
            return latest.getOrDefault(patientId, Map.of()).get(gap);
        }
    }

    private final DaoRegistry daos;

    CareGapFacts(DaoRegistry daos) {
        this.daos = daos;
    }

    Page of(Collection<String> patientIds) {
        Map<String, Map<String, Instant>> latest = new HashMap<>();
        Set<String> diabetic = new HashSet<>();
        if (patientIds.isEmpty()) {
            return new Page(latest, diabetic);
        }
        for (IBaseResource r : search(Procedure.class, patientIds, "code", PROCEDURES)) {
            Procedure p = (Procedure) r;
            Instant at = p.hasPerformedDateTimeType()
                    ? p.getPerformedDateTimeType().getValue().toInstant()
                    : p.hasPerformedPeriod() && p.getPerformedPeriod().hasStart()
                            ? p.getPerformedPeriod().getStart().toInstant()
                            : null;
            note(latest, p.getSubject(), PROCEDURES, p.getCode().getCoding(), at);
        }
        for (IBaseResource r : search(DiagnosticReport.class, patientIds, "code", REPORTS)) {
            DiagnosticReport d = (DiagnosticReport) r;
            Instant at = d.hasEffectiveDateTimeType()
                    ? d.getEffectiveDateTimeType().getValue().toInstant()
                    : d.hasIssued() ? d.getIssued().toInstant() : null;
            note(latest, d.getSubject(), REPORTS, d.getCode().getCoding(), at);
        }
        for (IBaseResource r : search(Observation.class, patientIds, "code", OBSERVATIONS)) {
            Observation o = (Observation) r;
            Instant at = o.hasEffectiveDateTimeType()
                    ? o.getEffectiveDateTimeType().getValue().toInstant()
                    : o.hasIssued() ? o.getIssued().toInstant() : null;
            note(latest, o.getSubject(), OBSERVATIONS, o.getCode().getCoding(), at);
        }
        for (IBaseResource r : search(Immunization.class, patientIds, "vaccine-code", VACCINES)) {
            Immunization i = (Immunization) r;
            Instant at = i.hasOccurrenceDateTimeType()
                    ? i.getOccurrenceDateTimeType().getValue().toInstant()
                    : null;
            if (i.getStatus() == Immunization.ImmunizationStatus.COMPLETED) {
                note(latest, i.getPatient(), VACCINES, i.getVaccineCode().getCoding(), at);
            }
        }
        for (IBaseResource r : search(Encounter.class, patientIds, "type", VISITS)) {
            Encounter e = (Encounter) r;
            Instant at = e.getPeriod().hasStart() ? e.getPeriod().getStart().toInstant() : null;
            for (var type : e.getType()) {
                note(latest, e.getSubject(), VISITS, type.getCoding(), at);
            }
        }
        SearchParameterMap conditions = new SearchParameterMap().setLoadSynchronous(true);
        conditions.add("patient", patients(patientIds));
        for (IBaseResource r : daos.getResourceDao(Condition.class)
                .search(conditions, new SystemRequestDetails())
                .getAllResources()) {
            Condition c = (Condition) r;
            if ("diabetes".equals(ChronicConditions.category(c)) && ChronicConditions.active(c)) {
                diabetic.add(c.getSubject().getReferenceElement().getIdPart());
            }
        }
        return new Page(latest, diabetic);
    }

    private List<IBaseResource> search(
            Class<? extends IBaseResource> type,
            Collection<String> patientIds,
            String codeParam,
            List<Evidence> codes) {
        SearchParameterMap search = new SearchParameterMap().setLoadSynchronous(true);
        search.add("patient", patients(patientIds));
        TokenOrListParam any = new TokenOrListParam();
        codes.forEach(c -> any.add(c.system(), c.code()));
        search.add(codeParam, any);
        return daos.getResourceDao(type)
                .search(search, new SystemRequestDetails())
                .getAllResources();
    }

    private static ReferenceOrListParam patients(Collection<String> patientIds) {
        ReferenceOrListParam any = new ReferenceOrListParam();
        patientIds.forEach(id -> any.addOr(new ReferenceParam("Patient/" + id)));
        return any;
    }

    private static void note(
            Map<String, Map<String, Instant>> latest,
            Reference subject,
            List<Evidence> evidence,
            List<org.hl7.fhir.r4.model.Coding> codings,
            Instant at) {
        if (at == null || !subject.hasReferenceElement()) {
            return;
        }
        String patientId = subject.getReferenceElement().getIdPart();
        for (var coding : codings) {
            for (Evidence e : evidence) {
                if (e.code().equals(coding.getCode())
                        && (coding.getSystem() == null || e.system().equals(coding.getSystem()))) {
                    latest.computeIfAbsent(patientId, k -> new HashMap<>())
                            .merge(e.gap(), at, (a, b) -> a.isAfter(b) ? a : b);
                }
            }
        }
    }
}
