package org.careloop.engine.consent;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.careloop.engine.fhir.FhirRecords;
import org.careloop.engine.outbox.OutboxHandler;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/**
 * The consent vault exported as FHIR {@code Consent}: one resource per grant or revocation ({@code
 * Consent/contact-<id>}), {@code active} while it still decides some channel and purpose, {@code inactive} once later
 * records decide all it covered. The provision permits or denies; its purpose and channel say what for and how (no
 * purpose or no channel: all of them); the patient's words are the source attachment.
 */
@Component
class ConsentMirror implements OutboxHandler<ConsentChanged> {

    static final String PURPOSE_SYSTEM = "https://careloop.org/fhir/CodeSystem/contact-purpose";
    static final String CHANNEL_EXTENSION = "https://careloop.org/fhir/StructureDefinition/contact-channel";
    static final String RECORD_SYSTEM = "https://careloop.org/fhir/sid/consent-record";
    private static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

    private final ConsentVault vault;
    private final FhirRecords fhir;

    ConsentMirror(ConsentVault vault, FhirRecords fhir) {
        this.vault = vault;
        this.fhir = fhir;
    }

    @Override
    public Class<ConsentChanged> eventType() {
        return ConsentChanged.class;
    }

    @Override
    public void handle(ConsentChanged event) {
        Set<Long> deciding = vault.state(event.patientId()).stream()
                .filter(d -> d.decidedBy() != null)
                .map(d -> d.decidedBy().id())
                .collect(Collectors.toSet());
        List<Consent> consents = vault.history(event.patientId()).stream()
                .map(r -> consentOf(r, deciding.contains(r.id())))
                .toList();
        fhir.saveAll(consents);
    }

    static String consentId(long recordId) {
        return "contact-" + recordId;
    }

    static Consent consentOf(ConsentRecord record, boolean active) {
        Consent consent = new Consent();
        consent.setId(consentId(record.id()));
        consent.addIdentifier(new Identifier().setSystem(RECORD_SYSTEM).setValue(Long.toString(record.id())));
        consent.setStatus(active ? Consent.ConsentState.ACTIVE : Consent.ConsentState.INACTIVE);
        consent.setScope(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", "Privacy Consent")));
        consent.addCategory(new CodeableConcept(new Coding("http://loinc.org", "59284-0", "Patient Consent")));
        consent.setPatient(new Reference("Patient/" + record.patientId()));
        consent.setDateTime(Date.from(record.recordedAt()));
        consent.addPerformer(new Reference("Patient/" + record.patientId()));
        consent.setPolicyRule(new CodeableConcept(
                record.permit() ? new Coding(ACT_CODE, "OPTIN", "opt-in") : new Coding(ACT_CODE, "OPTOUT", "opt-out")));
        Attachment source = new Attachment()
                .setContentType("text/plain; charset=utf-8")
                .setTitle(describe(record))
                .setCreationElement(new org.hl7.fhir.r4.model.DateTimeType(Date.from(record.recordedAt())));
        if (record.words() != null) {
            source.setData(record.words().getBytes(StandardCharsets.UTF_8));
        }
        consent.setSource(source);
        Consent.ProvisionComponent provision = consent.getProvision();
        provision.setType(record.permit() ? Consent.ConsentProvisionType.PERMIT : Consent.ConsentProvisionType.DENY);
        if (record.purpose() != ContactPurpose.ALL) {
            provision.addPurpose(new Coding(PURPOSE_SYSTEM, record.purpose().code(), null));
        }
        if (record.channel() != ContactChannel.ALL) {
            provision.addExtension(new Extension(
                    CHANNEL_EXTENSION,
                    FhirRecords.medium(record.channel().code()).getCodingFirstRep()));
        }
        return consent;
    }

    private static String describe(ConsentRecord record) {
        String how = switch (record.source()) {
            case "keyword" -> "keyword from " + record.contact();
            case "words" -> "message from " + record.contact();
            case "staff" -> "recorded by " + record.recordedBy() + " from " + record.contact();
            default -> record.source() + (record.recordedBy() == null ? "" : " (" + record.recordedBy() + ")");
        };
        return (record.permit() ? "Granted" : "Revoked") + " by " + how;
    }
}
