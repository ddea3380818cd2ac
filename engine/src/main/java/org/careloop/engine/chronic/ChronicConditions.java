package org.careloop.engine.chronic;

import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;

/** The chronic conditions CareLoop follows, as SNOMED CT and ICD-10-CM codes name them. */
public final class ChronicConditions {

    private static final String SNOMED = "http://snomed.info/sct";
    private static final Map<String, Set<String>> SNOMED_CODES = Map.of(
            "diabetes", Set.of("44054006", "73211009", "46635009", "190372001"),
            "hypertension", Set.of("38341003", "59621000", "1201005"),
            "heart-failure", Set.of("84114007", "88805009", "42343007", "85232009"),
            "copd", Set.of("13645005", "185086009", "87433001"));
    /** ICD-10-CM code prefixes. */
    private static final Map<String, Set<String>> ICD10_PREFIXES = Map.of(
            "diabetes", Set.of("E10", "E11", "E13"),
            "hypertension", Set.of("I10"),
            "heart-failure", Set.of("I50"),
            "copd", Set.of("J44", "J43"));

    private static final String SEVERE = "24484000";

    private ChronicConditions() {}

    /** diabetes, hypertension, heart-failure, copd, or null for a condition CareLoop does not follow. */
    public static String category(Condition condition) {
        for (Coding coding : condition.getCode().getCoding()) {
            String code = coding.getCode();
            if (code == null) {
                continue;
            }
            if (SNOMED.equals(coding.getSystem())) {
                for (var entry : SNOMED_CODES.entrySet()) {
                    if (entry.getValue().contains(code)) {
                        return entry.getKey();
                    }
                }
            } else if (coding.getSystem() != null && coding.getSystem().contains("icd-10")) {
                for (var entry : ICD10_PREFIXES.entrySet()) {
                    if (entry.getValue().stream().anyMatch(code::startsWith)) {
                        return entry.getKey();
                    }
                }
            }
        }
        return null;
    }

    /** Active, recurring or relapsed, and not refuted or entered in error. */
    public static boolean active(Condition condition) {
        String clinical = condition.getClinicalStatus().getCodingFirstRep().getCode();
        String verification =
                condition.getVerificationStatus().getCodingFirstRep().getCode();
        return ("active".equals(clinical) || "recurrence".equals(clinical) || "relapse".equals(clinical))
                && !"refuted".equals(verification)
                && !"entered-in-error".equals(verification);
    }

    /** Recorded as severe (the EHR's way of saying uncontrolled). */
    static boolean uncontrolled(Condition condition) {
        return condition.getSeverity().getCoding().stream().anyMatch(c -> SEVERE.equals(c.getCode()))
                || condition.getSeverity().getText() != null
                        && condition
                                .getSeverity()
                                .getText()
                                .toLowerCase(java.util.Locale.ROOT)
                                .matches(".*(severe|uncontrolled).*");
    }
}
