package org.careloop.engine.fhir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.core.io.ClassPathResource;

/**
 * A patient's time zone: the record's own ({@code http://hl7.org/fhir/StructureDefinition/timezone}, an IANA zone),
 * else the zone of the state in the patient's current US address ({@code outreach/us-state-zones.tsv}), else none.
 */
final class PatientZones {

    static final String TIMEZONE_EXTENSION = "http://hl7.org/fhir/StructureDefinition/timezone";

    private static final Map<String, ZoneId> BY_STATE = load();

    private PatientZones() {}

    static ZoneId of(Patient patient) {
        var extension = patient.getExtensionByUrl(TIMEZONE_EXTENSION);
        if (extension != null
                && extension.getValue() != null
                && extension.getValue().isPrimitive()) {
            try {
                return ZoneId.of(extension.getValue().primitiveValue());
            } catch (DateTimeException unknownZone) {
                // an unknown zone name: fall back to the address
            }
        }
        return patient.getAddress().stream()
                .filter(a -> a.getUse() != Address.AddressUse.OLD
                        && (!a.hasPeriod() || !a.getPeriod().hasEnd()))
                .filter(Address::hasState)
                .map(a -> BY_STATE.get(a.getState().strip().toLowerCase(Locale.ROOT)))
                .filter(java.util.Objects::nonNull)
                .findFirst()
                .orElse(null);
    }

    private static Map<String, ZoneId> load() {
        Map<String, ZoneId> zones = new HashMap<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                new ClassPathResource("outreach/us-state-zones.tsv").getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t");
                ZoneId zone = ZoneId.of(columns[2]);
                zones.put(columns[0].toLowerCase(Locale.ROOT), zone);
                zones.put(columns[1].toLowerCase(Locale.ROOT), zone);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.copyOf(zones);
    }
}
