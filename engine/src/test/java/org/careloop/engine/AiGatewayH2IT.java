package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.SimpleDateFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.task.Task;
import org.careloop.engine.fhir.FhirRecords;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

/**
 * The AI gateway, against a local stand-in for an OpenAI-compatible endpoint: sample patients write replies full of
 * their own identifiers; the model sees none of them, staff get the summary with the values back, and every call is a
 * FHIR Provenance.
 */
class AiGatewayH2IT extends H2StackTest {

    @org.springframework.beans.factory.annotation.Autowired
    org.careloop.engine.ai.AiSummaryHandler summaries;

    private static final AtomicInteger NUMBERS = new AtomicInteger(7000);

    @Test
    void noIdentifierOfTheSamplePatientsReachesTheModelAndStaffReadTheSummary() throws IOException {
        List<Patient> samples = new ArrayList<>();
        for (Path file : List.of(
                Path.of("src/test/resources/fhir-samples/0b324782-31d1-4659-89ab-58e075d6e61f.json"),
                Path.of("src/test/resources/fhir-samples/ca5da59f-0a70-470d-8b20-a1c847ff9010.json"),
                Path.of("src/main/resources/demo/patient-brady.json"),
                Path.of("src/main/resources/demo/patient-spanish.json"))) {
            samples.add(samplePatient(file));
        }
        IntegrationSupport.Browser nurse = new Browser().signIn("nurse");
        for (Patient sample : samples) {
            String mobile = "+1508555" + NUMBERS.getAndIncrement();
            String patientId = patient(mobile, "en", p -> {
                p.setName(sample.getName());
                p.setBirthDate(sample.getBirthDate());
                p.getTelecom().addAll(sample.getTelecom());
                p.setAddress(sample.getAddress());
                p.setIdentifier(sample.getIdentifier());
            });
            String reply = replyFullOfIdentifiers(sample, mobile);
            firstCheckIn(enrolByDischarge(patientId, "post-discharge"));
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> engineDb.queryForObject(
                                    "select count(*) from outbound_message where patient_id = ? and status in ('SENT', 'DELIVERED')",
                                    Integer.class,
                                    patientId)
                            == 1);
            int before = FakeLanguageModelServer.REQUESTS.size();

            assertThat(signedSms(incomingSms(newMessageSid(), mobile, reply)).statusCode())
                    .isEqualTo(200);

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> openTask(patientId) != null
                            && summaries.summaryOf(openTask(patientId).getId()).isPresent());
            Task task = openTask(patientId);
            String family = sample.getNameFirstRep().getFamily().replaceAll("\\d+$", "");
            assertThat(summaries.summaryOf(task.getId()).orElseThrow().summary())
                    .as("staff read the values back")
                    .contains(family);
            assertThat(nurse.get("/tasks/" + task.getId()).body())
                    .contains("Automated summary")
                    .contains(family);
            String sent = String.join(
                    "\n", FakeLanguageModelServer.REQUESTS.subList(before, FakeLanguageModelServer.REQUESTS.size()));
            assertThat(sent).contains("[PATIENT_NAME_1]").contains("chest");
            Provenance provenance = daos
                    .getResourceDao(Provenance.class)
                    .search(
                            new ca.uhn.fhir.jpa.searchparam.SearchParameterMap()
                                    .add(
                                            "target",
                                            new ca.uhn.fhir.rest.param.ReferenceParam("Task/handoff-" + task.getId())),
                            new SystemRequestDetails())
                    .getResources(0, 10)
                    .stream()
                    .map(Provenance.class::cast)
                    .findFirst()
                    .orElseThrow();
            assertThat(((StringType) provenance
                                    .getExtensionByUrl(FhirRecords.AI_MODEL_EXTENSION)
                                    .getValue())
                            .getValue())
                    .isEqualTo("fake-model");
            assertThat(((StringType) provenance
                                    .getExtensionByUrl(FhirRecords.AI_INPUT_EXTENSION)
                                    .getValue())
                            .getValue())
                    .contains("[PATIENT_NAME_1]");
            assertThat(engineDb.queryForObject(
                            "select count(*) from audit_log where agent = ? and patient_id = ?",
                            Integer.class,
                            org.careloop.engine.audit.AuditTrail.AI_GATEWAY,
                            patientId))
                    .as("every call through the gateway is on the audit trail, for the patient it was about")
                    .isPositive();
        }
        String everything = String.join("\n", FakeLanguageModelServer.REQUESTS);
        String digits = everything.replaceAll("\\D", "");
        for (Patient sample : samples) {
            for (String identifier : identifiers(sample)) {
                String onlyDigits = identifier.replaceAll("\\D", "");
                if (identifier.matches("[\\d\\s().+-]{7,}") && onlyDigits.length() >= 7) {
                    assertThat(digits)
                            .as("number %s", identifier)
                            .doesNotContain(onlyDigits.substring(onlyDigits.length() - 7));
                } else {
                    assertThat(everything.toLowerCase(Locale.ROOT))
                            .as("identifier %s", identifier)
                            .doesNotContain(identifier.toLowerCase(Locale.ROOT));
                }
            }
        }
    }

    private Task openTask(String patientId) {
        return tasks
                .createTaskQuery()
                .processVariableValueEquals("patientId", patientId)
                .taskCandidateGroup("nurse")
                .active()
                .list()
                .stream()
                .findFirst()
                .orElse(null);
    }

    private static Patient samplePatient(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            Bundle bundle = FHIR.newJsonParser()
                    .parseResource(Bundle.class, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return bundle.getEntry().stream()
                    .map(Bundle.BundleEntryComponent::getResource)
                    .filter(Patient.class::isInstance)
                    .map(Patient.class::cast)
                    .findFirst()
                    .orElseThrow();
        }
    }

    /** Every identifier of a sample patient, as a person might write it. */
    private static List<String> identifiers(Patient p) {
        List<String> values = new ArrayList<>();
        p.getName().forEach(n -> {
            n.getGiven().forEach(g -> values.add(g.getValue().replaceAll("\\d+$", "")));
            values.add(n.getFamily().replaceAll("\\d+$", ""));
        });
        SimpleDateFormat us = new SimpleDateFormat("M/d/yyyy");
        us.setTimeZone(TimeZone.getTimeZone("UTC"));
        SimpleDateFormat iso = new SimpleDateFormat("yyyy-MM-dd");
        iso.setTimeZone(TimeZone.getTimeZone("UTC"));
        values.add(us.format(p.getBirthDate()));
        values.add(iso.format(p.getBirthDate()));
        p.getTelecom().stream().map(ContactPoint::getValue).forEach(values::add);
        p.getAddress().forEach(a -> {
            a.getLine().forEach(l -> values.add(l.getValue()));
            values.add(a.getCity());
            if (a.getPostalCode() != null) {
                values.add(a.getPostalCode());
            }
        });
        p.getIdentifier().stream()
                .map(i -> i.getValue())
                .filter(v -> v != null && v.length() >= 6)
                .forEach(values::add);
        return values;
    }

    private static String replyFullOfIdentifiers(Patient p, String mobile) {
        List<String> ids = identifiers(p);
        String given = p.getNameFirstRep()
                .getGivenAsSingleString()
                .replaceAll("\\d+", "")
                .strip();
        String family = p.getNameFirstRep().getFamily().replaceAll("\\d+$", "");
        return "Hi this is " + given + " " + family + ", born " + ids.get(ids.size() > 3 ? 2 : 0)
                + ". I have chest pain. "
                + "Call me at " + mobile + " or my other phone "
                + String.join(
                        " / ",
                        p.getTelecom().stream().map(ContactPoint::getValue).toList())
                + ". I live at "
                + String.join(
                        ", ",
                        p.getAddress().stream()
                                .map(a -> a.getLine().stream()
                                                .map(StringType::getValue)
                                                .reduce("", (x, y) -> x + " " + y)
                                        + " " + a.getCity() + " " + a.getPostalCode())
                                .toList())
                + ". My record numbers: "
                + String.join(
                        ", ", p.getIdentifier().stream().map(i -> i.getValue()).toList());
    }
}
