package org.careloop.engine.ai;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;

/** What identifies one patient in free text, from their FHIR record: names, birth date, numbers, address, MRN. */
record PatientIdentifiers(Map<String, String> valuesByKind) {

    static final String NAME = "PATIENT_NAME";
    static final String BIRTH_DATE = "BIRTH_DATE";
    static final String PHONE = "PHONE";
    static final String ADDRESS = "ADDRESS";
    static final String RECORD_NUMBER = "RECORD_NUMBER";
    static final String EMAIL = "EMAIL";

    static PatientIdentifiers none() {
        return new PatientIdentifiers(Map.of());
    }

    /** Each identifying value with its kind (longest values first, so "Maria Lopez" goes before "Maria"). */
    static PatientIdentifiers of(Patient patient) {
        List<String[]> values = new ArrayList<>();
        for (HumanName name : patient.getName()) {
            String full = String.join(
                            " ",
                            name.getGiven().stream().map(StringType::getValue).toList()) + " " + name.getFamily();
            values.add(new String[] {full.trim(), NAME});
            name.getGiven().forEach(g -> values.add(new String[] {stripDigits(g.getValue()), NAME}));
            if (name.getFamily() != null) {
                values.add(new String[] {stripDigits(name.getFamily()), NAME});
            }
        }
        if (patient.hasBirthDate()) {
            LocalDate born = new java.sql.Date(patient.getBirthDate().getTime()).toLocalDate();
            for (String pattern : List.of(
                    "yyyy-MM-dd",
                    "M/d/yyyy",
                    "MM/dd/yyyy",
                    "M/d/yy",
                    "d/M/yyyy",
                    "MM-dd-yyyy",
                    "MMMM d, yyyy",
                    "MMMM d yyyy",
                    "MMM d, yyyy",
                    "d MMMM yyyy",
                    "MMMM d")) {
                values.add(
                        new String[] {born.format(DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH)), BIRTH_DATE});
            }
            values.add(new String[] {
                born.getDayOfMonth() + " de "
                        + born.getMonth().getDisplayName(TextStyle.FULL, Locale.forLanguageTag("es")) + " de "
                        + born.getYear(),
                BIRTH_DATE
            });
        }
        for (ContactPoint contact : patient.getTelecom()) {
            if (contact.getValue() != null) {
                values.add(new String[] {
                    contact.getValue(), contact.getSystem() == ContactPoint.ContactPointSystem.EMAIL ? EMAIL : PHONE
                });
            }
        }
        for (Address address : patient.getAddress()) {
            address.getLine().forEach(l -> values.add(new String[] {l.getValue(), ADDRESS}));
            if (address.getCity() != null) {
                values.add(new String[] {address.getCity(), ADDRESS});
            }
            if (address.getPostalCode() != null) {
                values.add(new String[] {address.getPostalCode(), ADDRESS});
            }
        }
        for (Identifier identifier : patient.getIdentifier()) {
            if (identifier.getValue() != null && identifier.getValue().length() >= 4) {
                values.add(new String[] {identifier.getValue(), RECORD_NUMBER});
            }
        }
        Map<String, String> byValue = new LinkedHashMap<>();
        values.stream()
                .filter(v -> v[0] != null && v[0].strip().length() >= 2)
                .sorted((a, b) -> Integer.compare(b[0].length(), a[0].length()))
                .forEach(v -> byValue.putIfAbsent(v[0].strip(), v[1]));
        return new PatientIdentifiers(Map.copyOf(byValue));
    }

    /** Synthea writes names as "Maria123"; people write "Maria". */
    private static String stripDigits(String value) {
        return value == null ? null : value.replaceAll("\\d+$", "");
    }
}
