package org.careloop.fhir.security;

import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The caller of a FHIR request, as Spring Security signed it in: its roles are authorities {@code ROLE_*}
 * (group {@code ehr-client} is role {@code EHR_CLIENT}).
 */
public final class FhirRoles {

    public static final String ADMIN = "ADMIN";
    public static final String EHR_CLIENT = "EHR_CLIENT";
    public static final String ANALYST = "ANALYST";
    public static final String AUDITOR = "AUDITOR";
    public static final String NURSE = "NURSE";
    public static final String CARE_COORDINATOR = "CARE_COORDINATOR";
    public static final String PHARMACIST = "PHARMACIST";
    public static final String SCHEDULER = "SCHEDULER";

    private FhirRoles() {}

    /** What the current caller's scopes allow: unlimited unless the caller came with a bearer token. */
    public static SmartScopes scopes() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null
                || authentication.getAuthorities().stream()
                        .noneMatch(a -> SmartScopes.LIMITED.equals(a.getAuthority()))) {
            return SmartScopes.unlimited();
        }
        return SmartScopes.of(authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith(SmartScopes.PREFIX))
                .map(a -> a.substring(SmartScopes.PREFIX.length()))
                .toList());
    }

    /** The current caller's roles, without the {@code ROLE_} prefix; empty when nobody is signed in. */
    public static Set<String> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            return Set.of();
        }
        return authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_"))
                .map(a -> a.substring(5))
                .collect(Collectors.toUnmodifiableSet());
    }
}
