package org.careloop.engine.security;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** Camunda groups as Spring authorities: group {@code care-coordinator} is role {@code CARE_COORDINATOR}. */
public final class Groups {

    // the care teams are the rules' own: a handoff's team is a queue's group
    public static final String NURSE = org.careloop.rules.triage.Team.NURSE.group();
    public static final String CARE_COORDINATOR = org.careloop.rules.triage.Team.CARE_COORDINATOR.group();
    public static final String PHARMACIST = org.careloop.rules.triage.Team.PHARMACIST.group();
    public static final String SCHEDULER = org.careloop.rules.triage.Team.SCHEDULER.group();
    public static final String ANALYST = "analyst";
    /** Approves the wording of patient messages (draft → approved → retired). */
    public static final String CLINICAL_REVIEWER = "clinical-reviewer";
    /**
     * Registration staff: find a patient by medical record number at the consent desk and record how the patient agrees
     * to be contacted. Nothing else: no worklist, no messages, no FHIR.
     */
    public static final String FRONT_DESK = "front-desk";
    /** Reviews the audit trail of access to patients' information (FHIR {@code AuditEvent}), and reads nothing else. */
    public static final String AUDITOR = "auditor";

    public static final String ADMIN = "admin";
    public static final String EHR_CLIENT = "ehr-client";
    public static final String CAMUNDA_ADMIN = "camunda-admin";
    private static final String GROUP_PREFIX = org.careloop.forms.CurrentUser.GROUP_PREFIX;

    private Groups() {}

    public static List<GrantedAuthority> authorities(Collection<String> groupIds) {
        return groupIds.stream()
                .<GrantedAuthority>flatMap(g -> java.util.stream.Stream.of(
                        new SimpleGrantedAuthority("ROLE_" + role(g)), new SimpleGrantedAuthority(GROUP_PREFIX + g)))
                .toList();
    }

    public static List<String> of(Authentication authentication) {
        return org.careloop.forms.CurrentUser.groups(authentication);
    }

    public static String role(String group) {
        return group.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
