package org.careloop.engine.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.storage.interceptor.balp.IBalpAuditEventSink;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Date;
import java.util.UUID;
import org.careloop.engine.outbox.Outbox;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The audit trail of access to patients' information. The FHIR API's reads, searches and writes come from HAPI's
 * Basic Audit Log Patterns interceptor (IHE BALP) as this sink; CareLoop's own pages and APIs record their views here
 * in the same shape. Each entry is kept in {@code audit_log} at once and exported as a FHIR {@code AuditEvent} by the
 * records lane, in batches; nothing is kept in memory.
 */
@Component
public class AuditTrail implements IBalpAuditEventSink {

    public static final String USER_SYSTEM = "https://careloop.org/fhir/sid/user";
    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Outbox outbox;

    AuditTrail(@Qualifier("engineJdbc") JdbcTemplate jdbc, Clock clock, Outbox outbox) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.outbox = outbox;
    }

    @Override
    public void recordAuditEvent(AuditEvent event) {
        if (!event.hasId() || event.getIdElement().getIdPart() == null) {
            event.setId(UUID.randomUUID().toString());
        }
        String id = event.getIdElement().getIdPart();
        String agent = event.getAgent().stream()
                .filter(AuditEvent.AuditEventAgentComponent::getRequestor)
                .map(a -> a.getWho().hasIdentifier()
                        ? a.getWho().getIdentifier().getValue()
                        : a.getWho().getDisplay())
                .findFirst()
                .orElse(null);
        // the patient the event is about; a list of several names them in the event, not in this column
        java.util.List<String> named = event.getEntity().stream()
                .map(e -> e.getWhat().getReferenceElement())
                .filter(r -> "Patient".equals(r.getResourceType()))
                .map(r -> r.getIdPart())
                .distinct()
                .toList();
        String patient = named.size() == 1 ? named.get(0) : null;
        if (patient != null && agent != null && !brokeTheGlass(event) && underEmergencyAccess(agent, patient)) {
            // a clinician's FHIR read of a patient opened by emergency access: marked as such, like the page views
            breakTheGlass(event);
        }
        jdbc.update(
                "insert into audit_log (id, recorded_at, agent, patient_id, action, resource) values (?, ?, ?, ?, ?, ?)",
                id,
                Timestamp.from(clock.instant()),
                agent,
                patient,
                event.hasAction() ? event.getAction().toCode() : "E",
                FHIR.newJsonParser().encodeResourceToString(event));
        if (!named.isEmpty()) {
            jdbc.batchUpdate(
                    "insert into audit_patient (patient_id, audit_id) values (?, ?)",
                    named.stream().map(p -> new Object[] {p, id}).toList());
        }
        outbox.enqueue(new AuditRecorded(id));
    }

    /**
     * A person viewed a patient's information on one of CareLoop's pages or APIs.
     *
     * @param what    what was shown, e.g. {@code Task/handoff-123}, besides the patient
     * @param purpose the page or API, e.g. "task page"
     */
    public void viewed(String user, String address, String patientId, String what, String purpose) {
        viewed(user, address, patientId, what, purpose, false);
    }

    /**
     * A person viewed a patient's information under an emergency access: as {@link #viewed}, with "break the glass"
     * (HL7 v3 ActReason {@code BTG}) as the purpose of the event and of the person's use.
     */
    public void viewedInEmergency(String user, String address, String patientId, String what, String purpose) {
        viewed(user, address, patientId, what, purpose, true);
    }

    /**
     * A clinician broke the glass: opened a patient outside their queues. The event names the grant ({@code
     * emergency_access}, where the stated reason is kept sealed), not the reason itself.
     */
    public void emergencyAccess(String user, String address, String patientId, long grant) {
        AuditEvent event =
                byPerson(user, address, "emergency access", "operation", "operation", AuditEvent.AuditEventAction.E);
        breakTheGlass(event);
        patient(event, patientId);
        event.addEntity()
                .setWhat(new Reference()
                        .setIdentifier(new Identifier()
                                .setSystem(EMERGENCY_ACCESS_SYSTEM)
                                .setValue(String.valueOf(grant))))
                .setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "2", "System Object"))
                .setName("emergency access " + grant);
        recordAuditEvent(event);
    }

    /** The identifiers of emergency accesses in audit events. */
    public static final String EMERGENCY_ACCESS_SYSTEM = "https://careloop.org/fhir/sid/emergency-access";

    private static final Coding BREAK_THE_GLASS =
            new Coding("http://terminology.hl7.org/CodeSystem/v3-ActReason", "BTG", "break the glass");

    private static boolean brokeTheGlass(AuditEvent event) {
        return event.getPurposeOfEvent().stream()
                .anyMatch(p -> p.hasCoding(BREAK_THE_GLASS.getSystem(), BREAK_THE_GLASS.getCode()));
    }

    /**
     * Whether the signed-in caller is this agent, a clinician (the only roles that break the glass), holding an
     * emergency access to the patient now: one indexed look-up, for clinicians' requests only.
     */
    private boolean underEmergencyAccess(String agent, String patientId) {
        var caller = org.springframework.security.core.context.SecurityContextHolder.getContext()
                .getAuthentication();
        if (caller == null
                || !agent.equals(caller.getName())
                || caller.getAuthorities().stream().map(Object::toString).noneMatch(CLINICIAN_AUTHORITIES::contains)) {
            return false;
        }
        return jdbc.queryForObject(
                        "select count(*) from emergency_access where user_name = ? and patient_id = ?"
                                + " and expires_at > ?",
                        Integer.class,
                        agent,
                        patientId,
                        Timestamp.from(clock.instant()))
                > 0;
    }

    private static final java.util.Set<String> CLINICIAN_AUTHORITIES =
            org.careloop.forms.emergency.EmergencyAccess.ROLES.stream()
                    .map(role -> "ROLE_" + org.careloop.engine.security.Groups.role(role))
                    .collect(java.util.stream.Collectors.toUnmodifiableSet());

    private static void breakTheGlass(AuditEvent event) {
        event.addPurposeOfEvent().addCoding(BREAK_THE_GLASS.copy());
        event.getAgent().stream()
                .filter(AuditEvent.AuditEventAgentComponent::getRequestor)
                .forEach(agent -> agent.addPurposeOfUse().addCoding(BREAK_THE_GLASS.copy()));
    }

    private void viewed(String user, String address, String patientId, String what, String purpose, boolean emergency) {
        AuditEvent event = byPerson(user, address, purpose, "read", "read", AuditEvent.AuditEventAction.R);
        if (emergency) {
            breakTheGlass(event);
        }
        patient(event, patientId);
        if (what != null) {
            event.addEntity()
                    .setWhat(new Reference(what))
                    .setRole(new Coding("http://terminology.hl7.org/CodeSystem/object-role", "4", "Domain Resource"));
        }
        recordAuditEvent(event);
    }

    /**
     * A person or system used the process engine's API (directly, or through Cockpit): which call, and its outcome.
     * The engine holds what patients wrote in process variables, so every such call is recorded, named by its path
     * (ids only; the query string, which may carry values, is left out).
     */
    public void engineCall(String user, String address, String method, String path, int status, String purpose) {
        boolean reads = "GET".equals(method) || "HEAD".equals(method);
        AuditEvent event = byPerson(
                user,
                address,
                purpose,
                reads ? "read" : "operation",
                reads ? "read" : "operation",
                reads ? AuditEvent.AuditEventAction.R : AuditEvent.AuditEventAction.E);
        event.addEntity()
                .setName(method + " " + path)
                .setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-entity-type", "2", "System Object"));
        if (status >= 400) {
            event.setOutcome(status >= 500 ? AuditEvent.AuditEventOutcome._8 : AuditEvent.AuditEventOutcome._4);
            event.setOutcomeDesc("HTTP " + status);
        }
        recordAuditEvent(event);
    }

    /**
     * A person viewed a list that names patients (a worklist, a done list): one event with each patient shown as an
     * entity, so that FHIR's {@code AuditEvent?entity=Patient/…} finds this view among the patient's accesses. An
     * empty list records nothing.
     */
    public void listed(String user, java.util.Collection<String> patientIds, String purpose) {
        java.util.List<String> patients = patientIds.stream()
                .filter(java.util.Objects::nonNull)
                .distinct()
                .toList();
        if (patients.isEmpty()) {
            return;
        }
        AuditEvent event = byPerson(user, null, purpose, "search-type", "search", AuditEvent.AuditEventAction.E);
        patients.forEach(patientId -> patient(event, patientId));
        recordAuditEvent(event);
    }

    /** The agent that CareLoop's automated disclosures name: the AI gateway's calls to a language model. */
    public static final String AI_GATEWAY = "ai-gateway";

    /**
     * A system action that sent a patient's information out of CareLoop: the AI gateway sent a reply, redacted, to a
     * language model (DICOM "Export"), on behalf of what caused it, to the model that received it.
     *
     * @param cause     who or what caused the call (e.g. "process 1234")
     * @param recipient the system that received the information (the model's name)
     * @param what      the resources it was about, besides the patient
     */
    public void exported(String patientId, String cause, String recipient, java.util.List<String> what) {
        AuditEvent event = new AuditEvent();
        event.setType(new Coding("http://dicom.nema.org/resources/ontology/DCM", "110106", "Export"));
        event.setAction(AuditEvent.AuditEventAction.R);
        event.setRecorded(Date.from(clock.instant()));
        event.setOutcome(AuditEvent.AuditEventOutcome._0);
        event.addAgent()
                .setRequestor(true)
                .setWho(new Reference()
                        .setIdentifier(new Identifier().setSystem(USER_SYSTEM).setValue(AI_GATEWAY))
                        .setDisplay("CareLoop AI gateway"))
                .setAltId(cause);
        event.addAgent()
                .setRequestor(false)
                .setType(new org.hl7.fhir.r4.model.CodeableConcept(
                        new Coding("http://dicom.nema.org/resources/ontology/DCM", "110152", "Destination Role ID")))
                .setWho(new Reference().setDisplay(recipient));
        event.getSource().setObserver(new Reference().setDisplay("CareLoop")).setSite("AI gateway");
        patient(event, patientId);
        what.forEach(reference -> event.addEntity()
                .setWhat(new Reference(reference))
                .setRole(new Coding("http://terminology.hl7.org/CodeSystem/object-role", "4", "Domain Resource")));
        recordAuditEvent(event);
    }

    /** An access by a signed-in person, from the request's address unless one is given. */
    private AuditEvent byPerson(
            String user,
            String address,
            String purpose,
            String interaction,
            String interactionName,
            AuditEvent.AuditEventAction action) {
        if (address == null
                && org.springframework.web.context.request.RequestContextHolder.getRequestAttributes()
                        instanceof org.springframework.web.context.request.ServletRequestAttributes request) {
            address = request.getRequest().getRemoteAddr();
        }
        AuditEvent event = new AuditEvent();
        event.setType(new Coding("http://dicom.nema.org/resources/ontology/DCM", "110110", "Patient Record"));
        event.addSubtype(new Coding("http://hl7.org/fhir/restful-interaction", interaction, interactionName));
        event.setAction(action);
        event.setRecorded(Date.from(clock.instant()));
        event.setOutcome(AuditEvent.AuditEventOutcome._0);
        event.addAgent()
                .setRequestor(true)
                .setWho(new Reference()
                        .setIdentifier(new Identifier().setSystem(USER_SYSTEM).setValue(user))
                        .setDisplay(user))
                .setNetwork(new AuditEvent.AuditEventAgentNetworkComponent()
                        .setAddress(address)
                        .setType(AuditEvent.AuditEventAgentNetworkType._2));
        event.getSource().setObserver(new Reference().setDisplay("CareLoop")).setSite(purpose);
        return event;
    }

    private static void patient(AuditEvent event, String patientId) {
        event.addEntity()
                .setWhat(new Reference("Patient/" + patientId))
                .setRole(new Coding("http://terminology.hl7.org/CodeSystem/object-role", "1", "Patient"));
    }
}
