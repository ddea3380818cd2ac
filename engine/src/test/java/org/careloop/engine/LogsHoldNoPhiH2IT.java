package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.FileAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * After every other stack test has run (this class is ordered last), the application's log of this JVM holds none of
 * the patients' information those tests wrote and the flows handled: no phone number in any of its usual forms, no
 * email address, no distinctive name (the sample patients' and the tests' own), no date of birth, and no text a
 * patient wrote. The log is the one Logback writes for the whole run (logback-test.xml).
 */
@Order(Integer.MAX_VALUE)
class LogsHoldNoPhiH2IT extends H2StackTest {

    /** Names that are also words of the application's own log (a test patient called "Bundle"). */
    private static final java.util.Set<String> ORDINARY_WORDS = java.util.Set.of("Bundle", "Test", "Tester", "Pat");

    private Path log() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        FileAppender<?> appender = (FileAppender<?>)
                context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("PHI_SCAN");
        return Path.of(appender.getFile());
    }

    /** Each piece of patients' information to look for, with what it is (for the failure message). */
    private Map<String, String> sentinels() {
        Map<String, String> sentinels = new LinkedHashMap<>();
        var patients = daos.getResourceDao(Patient.class)
                .search(new SearchParameterMap().setLoadSynchronous(true), new SystemRequestDetails())
                .getAllResources();
        for (var resource : patients) {
            Patient patient = (Patient) resource;
            String who = "Patient/" + patient.getIdElement().getIdPart();
            for (HumanName name : patient.getName()) {
                List<String> parts = new ArrayList<>(
                        name.getGiven().stream().map(g -> g.getValue()).toList());
                parts.add(name.getFamily());
                for (String part : parts) {
                    if (part != null && part.length() >= 4 && !ORDINARY_WORDS.contains(part)) {
                        sentinels.put("\\b" + Pattern.quote(part) + "\\b", "a name of " + who);
                    }
                }
            }
            for (ContactPoint contact : patient.getTelecom()) {
                if (contact.getSystem() == ContactPoint.ContactPointSystem.EMAIL) {
                    sentinels.put(Pattern.quote(contact.getValue()), "the email address of " + who);
                    continue;
                }
                String digits =
                        contact.getValue() == null ? "" : contact.getValue().replaceAll("\\D", "");
                if (digits.length() == 11 && digits.startsWith("1")) {
                    digits = digits.substring(1);
                }
                if (digits.length() != 10) {
                    continue;
                }
                String area = digits.substring(0, 3);
                String exchange = digits.substring(3, 6);
                String line = digits.substring(6);
                // +16175551234, 6175551234, (617) 555-1234, 617-555-1234, 617.555.1234
                sentinels.put(
                        "(?<!\\d)" + area + "[\\s.-]?" + exchange + "[\\s.-]?" + line + "(?!\\d)",
                        "the phone number of " + who);
                sentinels.put("\\(" + area + "\\)\\s?" + exchange + "[\\s.-]?" + line, "the phone number of " + who);
            }
            if (patient.hasBirthDate()) {
                sentinels.put(
                        Pattern.quote(patient.getBirthDateElement().getValueAsString()), "the birth date of " + who);
            }
        }
        for (Map<String, Object> reply : engineDb.queryForList("select body, patient_id from inbound_message")) {
            String text = cipher.open((String) reply.get("body"), org.careloop.engine.crypto.PhiCipher.INBOUND_BODY)
                    .strip();
            if (text.length() >= 12) {
                sentinels.put(Pattern.quote(text), "what Patient/" + reply.get("patient_id") + " wrote");
            }
        }
        return sentinels;
    }

    @Test
    void theApplicationLogHoldsNoPatientsNamesNumbersBirthDatesOrWords() throws IOException {
        Path log = log();
        List<String> lines = Files.readAllLines(log);
        Map<String, String> sentinels = sentinels();
        assertThat(lines.size()).as("the run's log, %s", log).isGreaterThan(1000);
        assertThat(sentinels.values())
                .as("patients and their replies written by the other tests")
                .anyMatch(what -> what.startsWith("what Patient/"))
                .anyMatch(what -> what.startsWith("the phone number of"));

        List<String> found = new ArrayList<>();
        for (var sentinel : sentinels.entrySet()) {
            Pattern pattern = Pattern.compile(sentinel.getKey());
            for (int i = 0; i < lines.size() && found.size() < 20; i++) {
                if (pattern.matcher(lines.get(i)).find()) {
                    found.add(sentinel.getValue() + " at line " + (i + 1) + ": " + lines.get(i));
                    break;
                }
            }
        }
        assertThat(found).as("patients' information in %s", log).isEmpty();
    }
}
