package org.careloop.fhir.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizationInterceptor;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRule;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilder;
import ca.uhn.fhir.rest.server.interceptor.auth.PolicyEnum;
import ca.uhn.fhir.rest.server.interceptor.auth.RuleBuilder;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Task;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who may do what over the FHIR API (HAPI's {@link AuthorizationInterceptor}; anything not allowed here is
 * refused with 403). The engine itself writes through the DAOs in-process and is not subject to these rules.
 * <ul>
 * <li>{@code ehr-client}: within its token's SMART scopes ({@link SmartScopes}), if it came with one: reads everything, writes clinical events (alone or in transactions), deletes what it
 * wrote, runs {@code $everything} on one patient, manages Subscriptions. It never changes or deletes the records
 * CareLoop keeps of its own work: Communications, Tasks, Consents, Flags, audit, and the CarePlans and
 * Provenance CareLoop wrote ({@link CareLoopRecords}).</li>
 * <li>{@code admin}: manages Subscriptions and runs server-level operations (e.g. reindexing); reads no patient data
 * and writes nothing clinical (minimum necessary: running the server is not care).</li>
 * <li>{@code auditor}: reads the audit trail ({@code AuditEvent}) and nothing else.</li>
 * <li>{@code nurse}, {@code care-coordinator}, {@code pharmacist}: read the records of the patients in their queues
 * ({@link CareTeamPatients}: everything in those patients' compartments except the audit trail), and nobody
 * else's.</li>
 * <li>{@code scheduler}: reads those patients' {@code Patient} and {@code Appointment} resources only: not their
 * symptom replies or clinical records.</li>
 * <li>{@code analyst}: the capability statement only, until de-identified and aggregate views exist.</li>
 * <li>everyone else: nothing.</li>
 * </ul>
 */
public class FhirAccessRules extends AuthorizationInterceptor {

    /**
     * Types whose every resource records CareLoop's work: written by the engine only. CarePlans and Provenance
     * also come from EHRs; CareLoop's own ones are protected by their tag ({@link CareLoopRecords}).
     */
    static final List<Class<? extends IBaseResource>> ENGINE_OWNED =
            List.of(Communication.class, Task.class, Consent.class, Flag.class, AuditEvent.class);

    private final CareTeamPatients careTeam;

    /** @param careTeam the patients in each care-team member's queues; {@code null}: the care team reads nothing */
    public FhirAccessRules(CareTeamPatients careTeam) {
        super(PolicyEnum.DENY);
        this.careTeam = careTeam;
    }

    @Override
    public List<IAuthRule> buildRuleList(RequestDetails request) {
        Set<String> roles = FhirRoles.current();
        IAuthRuleBuilder rules = new RuleBuilder();
        // a caller with a bearer token is limited to its scopes as well as its role
        SmartScopes scopes = FhirRoles.scopes();
        if (roles.contains(FhirRoles.EHR_CLIENT)) {
            if (scopes.readsAll()) {
                rules.allow("read").read().allResources().withAnyId().andThen();
            } else {
                scopes.readTypes()
                        .forEach(type -> rules.allow("read-" + type)
                                .read()
                                .resourcesOfType(type)
                                .withAnyId()
                                .andThen());
            }
        } else if (roles.contains(FhirRoles.ADMIN)) {
            // an administrator runs the server, not care: Subscriptions, yes; patients' data, no
            rules.allow("read-subscriptions")
                    .read()
                    .resourcesOfType(Subscription.class)
                    .withAnyId()
                    .andThen();
        }
        if (roles.contains(FhirRoles.AUDITOR)) {
            // the audit trail, who read what: an auditor reviews it and reads nothing else
            rules.allow("read-audit")
                    .read()
                    .resourcesOfType(AuditEvent.class)
                    .withAnyId()
                    .andThen();
        }
        if (!roles.contains(FhirRoles.EHR_CLIENT)) {
            careTeamReads(roles, rules);
        }
        if ((roles.contains(FhirRoles.EHR_CLIENT) && scopes.writes("Subscription"))
                || roles.contains(FhirRoles.ADMIN)) {
            rules.allow("subscriptions")
                    .write()
                    .resourcesOfType(Subscription.class)
                    .withAnyId()
                    .andThen()
                    .allow("delete-subscriptions")
                    .delete()
                    .resourcesOfType(Subscription.class)
                    .withAnyId()
                    .andThen();
        }
        if (roles.contains(FhirRoles.EHR_CLIENT)) {
            for (Class<? extends IBaseResource> owned : ENGINE_OWNED) {
                rules.deny("engine-owned-write-" + owned.getSimpleName())
                        .write()
                        .resourcesOfType(owned)
                        .withAnyId()
                        .andThen()
                        .deny("engine-owned-delete-" + owned.getSimpleName())
                        .delete()
                        .resourcesOfType(owned)
                        .withAnyId()
                        .andThen();
            }
            if (scopes.writesAll()) {
                rules.allow("clinical-writes")
                        .write()
                        .allResources()
                        .withAnyId()
                        .andThen()
                        .allow("clinical-deletes")
                        .delete()
                        .allResources()
                        .withAnyId()
                        .andThen();
            } else {
                scopes.writeTypes()
                        .forEach(type -> rules.allow("write-" + type)
                                .write()
                                .resourcesOfType(type)
                                .withAnyId()
                                .andThen()
                                .allow("delete-" + type)
                                .delete()
                                .resourcesOfType(type)
                                .withAnyId()
                                .andThen());
            }
            if (scopes.writesAny()) {
                // each entry of a transaction is then held to the rules above
                rules.allow("transactions")
                        .transaction()
                        .withAnyOperation()
                        .andApplyNormalRules()
                        .andThen();
            }
            if (scopes.readsAll()) {
                rules.allow("patient-everything")
                        .operation()
                        .named("$everything")
                        .onInstancesOfType(Patient.class)
                        .andRequireExplicitResponseAuthorization()
                        .andThen();
            }
        }
        if (roles.contains(FhirRoles.ADMIN)) {
            rules.allow("system-operations")
                    .operation()
                    .withAnyName()
                    .onServer()
                    .andRequireExplicitResponseAuthorization()
                    .andThen();
        }
        return rules.allow("capabilities")
                .metadata()
                .andThen()
                .denyAll("not allowed for this account")
                .build();
    }

    /** The care team reads the patients in its queues: clinicians their records, schedulers their appointments. */
    private void careTeamReads(Set<String> roles, IAuthRuleBuilder rules) {
        boolean clinician = roles.contains(FhirRoles.NURSE)
                || roles.contains(FhirRoles.CARE_COORDINATOR)
                || roles.contains(FhirRoles.PHARMACIST);
        boolean scheduler = roles.contains(FhirRoles.SCHEDULER);
        if (careTeam == null || !(clinician || scheduler)) {
            return;
        }
        Set<String> patients = careTeam.of(SecurityContextHolder.getContext().getAuthentication());
        if (patients.isEmpty()) {
            return;
        }
        List<IIdType> compartments =
                patients.stream().<IIdType>map(id -> new IdType("Patient", id)).toList();
        if (clinician) {
            if (!roles.contains(FhirRoles.AUDITOR)) {
                // who read a patient's record is the auditor's to review, not the care team's
                rules.deny("audit-trail-is-the-auditors")
                        .read()
                        .resourcesOfType(AuditEvent.class)
                        .withAnyId()
                        .andThen();
            }
            rules.allow("queue-patients-records")
                    .read()
                    .allResources()
                    .inCompartment("Patient", compartments)
                    .andThen();
        } else {
            rules.allow("queue-patients")
                    .read()
                    .resourcesOfType(Patient.class)
                    .inCompartment("Patient", compartments)
                    .andThen()
                    .allow("queue-appointments")
                    .read()
                    .resourcesOfType(Appointment.class)
                    .inCompartment("Patient", compartments)
                    .andThen();
        }
    }
}
