package org.careloop.forms;

import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** Reads the signed-in user's groups: authorities named {@code GROUP_<group id>}. */
public final class CurrentUser {

    public static final String GROUP_PREFIX = "GROUP_";
    /** The session attribute holding the user name of a failed sign-in, for the form to show again. */
    public static final String LAST_SIGN_IN_NAME = "careloop.lastSignInName";
    /** Why the organisation's single sign-on did not sign the user in, shown once on the sign-in page. */
    public static final String SINGLE_SIGN_ON_ERROR = "careloop.singleSignOnError";

    private CurrentUser() {}

    public static List<String> groups(Authentication authentication) {
        if (authentication == null) {
            return List.of();
        }
        return authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith(GROUP_PREFIX))
                .map(a -> a.substring(GROUP_PREFIX.length()))
                .toList();
    }

    /**
     * Where a user's own work is: the task list for the care team, the programs page for administrators and
     * analysts, the message templates for clinical reviewers, the audit
     * trail for auditors, the consent desk for the front desk, or null for anyone else (an API client).
     */
    public static String workPath(Authentication authentication) {
        List<String> groups = groups(authentication);
        if (groups.contains("admin") || groups.contains("analyst")) {
            return "/admin/programs";
        }
        if (groups.stream().anyMatch(List.of("nurse", "care-coordinator", "pharmacist", "scheduler")::contains)) {
            return "/tasks";
        }
        if (groups.contains("clinical-reviewer")) {
            return "/templates";
        }
        if (groups.contains("auditor")) {
            return "/audit";
        }
        if (groups.contains("front-desk")) {
            return "/consents";
        }
        return null;
    }
}
