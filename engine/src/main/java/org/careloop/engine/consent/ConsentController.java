package org.careloop.engine.consent;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.careloop.engine.fhir.PatientDirectory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The consent vault over HTTP, for the care team and the EHR. {@code GET /api/patients/{id}/consents}: the decision
 * for every channel and purpose (and what decided it), and every grant and revocation with its evidence. {@code POST}
 * with {@code {"channel": "sms|email|voice|chat|all", "purpose": "care|appointment|billing|marketing|all", "decision":
 * "permit|deny", "words": "what the patient said"}} records one, by the signed-in user and from the caller's address.
 */
@RestController
class ConsentController {

    private final ConsentVault vault;
    private final PatientDirectory patients;
    private final TransactionTemplate transactions;
    private final org.careloop.engine.audit.AuditTrail audit;

    ConsentController(
            ConsentVault vault,
            PatientDirectory patients,
            @Qualifier("engineTransactions") TransactionTemplate transactions,
            org.careloop.engine.audit.AuditTrail audit) {
        this.audit = audit;
        this.vault = vault;
        this.patients = patients;
        this.transactions = transactions;
    }

    /** A grant or revocation asked for over HTTP. */
    record Requested(String channel, String purpose, String decision, String words) {}

    @GetMapping(path = "/api/patients/{patientId}/consents", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> consents(@PathVariable String patientId, Authentication user) {
        if (patients.find(patientId).isEmpty()) {
            return problem(HttpStatus.NOT_FOUND, "No patient " + patientId);
        }
        audit.viewed(user.getName(), null, patientId, null, "consents API");
        List<Map<String, Object>> state = new ArrayList<>();
        for (ConsentVault.Decision decision : vault.state(patientId)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("channel", decision.channel().code());
            row.put("purpose", decision.purpose().code());
            row.put("decision", decision.permit() ? "permit" : "deny");
            row.put(
                    "decidedBy",
                    decision.decidedBy() == null ? null : decision.decidedBy().id());
            row.put("implied", decision.decidedBy() == null);
            state.add(row);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("patientId", patientId);
        body.put("state", state);
        body.put(
                "history",
                vault.history(patientId).stream()
                        .map(ConsentController::describe)
                        .toList());
        return ResponseEntity.ok(body);
    }

    @PostMapping(
            path = "/api/patients/{patientId}/consents",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> record(
            @PathVariable String patientId,
            @RequestBody Requested requested,
            Authentication user,
            HttpServletRequest request) {
        var channel = ContactChannel.ofCode(requested.channel());
        var purpose = ContactPurpose.ofCode(requested.purpose());
        if (channel.isEmpty()) {
            return problem(HttpStatus.BAD_REQUEST, "channel must be one of sms, email, voice, chat, all");
        }
        if (purpose.isEmpty()) {
            return problem(HttpStatus.BAD_REQUEST, "purpose must be one of care, appointment, billing, marketing, all");
        }
        if (!"permit".equals(requested.decision()) && !"deny".equals(requested.decision())) {
            return problem(HttpStatus.BAD_REQUEST, "decision must be permit or deny");
        }
        if (requested.words() != null && requested.words().length() > 1600) {
            return problem(HttpStatus.BAD_REQUEST, "words must be at most 1600 characters");
        }
        if (patients.find(patientId).isEmpty()) {
            return problem(HttpStatus.NOT_FOUND, "No patient " + patientId);
        }
        boolean system = org.careloop.forms.CurrentUser.groups(user).contains("ehr-client");
        ConsentRecord recorded = transactions.execute(tx -> vault.record(new ConsentRecord.Change(
                patientId,
                channel.get(),
                purpose.get(),
                "permit".equals(requested.decision()),
                system ? "ehr" : "staff",
                request.getRemoteAddr(),
                requested.words(),
                null,
                user.getName())));
        return ResponseEntity.status(HttpStatus.CREATED).body(describe(recorded));
    }

    /** A body that is not the JSON object asked for: 400 with what is expected, nothing recorded. */
    @org.springframework.web.bind.annotation.ExceptionHandler(
            org.springframework.http.converter.HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> unreadable() {
        return problem(
                HttpStatus.BAD_REQUEST,
                "The body must be a JSON object: {\"channel\": \"sms\", \"purpose\": \"care\", "
                        + "\"decision\": \"permit\" or \"deny\", \"words\": \"…\"}");
    }

    private static Map<String, Object> describe(ConsentRecord record) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", record.id());
        row.put("channel", record.channel().code());
        row.put("purpose", record.purpose().code());
        row.put("decision", record.permit() ? "permit" : "deny");
        row.put("recordedAt", record.recordedAt().toString());
        row.put("source", record.source());
        row.put("contact", record.contact());
        row.put("words", record.words());
        row.put("inboundMessageId", record.inboundMessageId());
        row.put("recordedBy", record.recordedBy());
        row.put("fhirConsent", "Consent/" + ConsentMirror.consentId(record.id()));
        return row;
    }

    private static ResponseEntity<Map<String, Object>> problem(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("message", message));
    }
}
