package org.careloop.engine.ai;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.careloop.engine.fhir.FhirRecords;
import org.careloop.engine.fhir.PatientDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The only path by which a language model sees patient text. It redacts first (the patient's own identifiers from
 * FHIR, then patterns for other names, dates, numbers, emails and places), asks for a one-line summary and a
 * suggested route for staff, re-identifies the summary for staff only, and records every call as a FHIR Provenance.
 * Its output never reaches a patient, and never changes what the rules decided: staff read it as a suggestion.
 * Off unless {@code careloop.ai.enabled} is set.
 */
@Service
public class AiGateway {

    private static final Logger log = LoggerFactory.getLogger(AiGateway.class);
    static final String INSTRUCTIONS = """
            You help a hospital care team read a patient's text message sent after a hospital stay. Personal details
            are replaced by tokens such as [PATIENT_NAME_1] or [PHONE_1]: keep any token exactly as written.
            Answer in exactly two lines:
            SUMMARY: one line of at most 25 words for a nurse or care coordinator
            ROUTE: nurse, care-coordinator or none
            Never give medical advice or a diagnosis. Only staff read your answer, never the patient.""";

    /** What staff see: the summary with the real values back, and the route the model suggests. */
    public record Suggestion(String summary, String route) {}

    /** The patient's record could not be read, so the reply cannot be redacted against it: nothing was sent. */
    public static class PatientNotReadable extends RuntimeException {
        PatientNotReadable(String taskId) {
            super("The patient record of task " + taskId + " could not be read; the model was not called");
        }
    }

    private final AiProperties properties;
    private final PatientDirectory patients;
    private final FhirRecords records;
    private final Clock clock;
    private final LanguageModel model;

    private final org.careloop.engine.audit.AuditTrail audit;

    AiGateway(
            AiProperties properties,
            PatientDirectory patients,
            FhirRecords records,
            Clock clock,
            org.careloop.engine.audit.AuditTrail audit) {
        this.audit = audit;
        this.properties = properties;
        this.patients = patients;
        this.records = records;
        this.clock = clock;
        this.model =
                properties.enabled() && properties.baseUrl() != null ? new OpenAiCompatibleModel(properties) : null;
    }

    public boolean enabled() {
        return model != null;
    }

    /**
     * @param cause who or what caused the call, as recorded (e.g. "process 1234" or "user nurse")
     */
    public Optional<Suggestion> suggest(
            String replyText, String patientId, String taskId, String replyMessageId, String cause) {
        if (model == null || replyText == null || replyText.isBlank()) {
            return Optional.empty();
        }
        // without the patient's own record, redaction would rest on patterns alone: no call to the model then
        PatientIdentifiers identifiers = patients.record(patientId)
                .map(PatientIdentifiers::of)
                .orElseThrow(() -> new PatientNotReadable(taskId));
        Redactor.Redaction redaction = Redactor.redact(replyText, identifiers);
        // on the audit trail before the text leaves: a call that fails is still a disclosure attempted
        audit.exported(
                patientId,
                cause,
                model.name(),
                replyMessageId == null
                        ? java.util.List.of("Task/handoff-" + taskId)
                        : java.util.List.of("Task/handoff-" + taskId, "Communication/msg-in-" + replyMessageId));
        String answer = model.complete(INSTRUCTIONS, redaction.text());
        records.recordAiCall(
                UUID.randomUUID().toString(),
                taskId,
                replyMessageId,
                model.name(),
                redaction.text(),
                cause,
                clock.instant());
        String summary = line(answer, "SUMMARY:");
        String route = line(answer, "ROUTE:");
        log.info("AI gateway summarised the reply of task {} with {}", taskId, model.name());
        return Optional.of(new Suggestion(
                summary == null ? null : redaction.reidentify(summary),
                route == null ? null : route.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z-]", "")));
    }

    private static String line(String answer, String prefix) {
        if (answer == null) {
            return null;
        }
        return answer.lines()
                .map(String::strip)
                .filter(l -> l.regionMatches(true, 0, prefix, 0, prefix.length()))
                .map(l -> l.substring(prefix.length()).strip())
                .findFirst()
                .orElse(null);
    }
}
