package org.careloop.engine.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Signs people and API clients in against Camunda's identity service (salted hashes in ACT_ID_USER), so
 * users and groups are managed in one place, Camunda Admin, and the groups are the task candidate groups.
 * Failed sign-ins are logged (account id and source address, never the password or what was typed for an
 * unknown account) and throttled by source ({@link SignInThrottle}).
 */
@Component
class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(CamundaIdentityAuthenticationProvider.class);

    private final IdentityService identity;
    private final SignInThrottle throttle;

    CamundaIdentityAuthenticationProvider(IdentityService identity, SignInThrottle throttle) {
        this.identity = identity;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String user = authentication.getName();
        Object credentials = authentication.getCredentials();
        String address =
                authentication.getDetails() instanceof WebAuthenticationDetails web && web.getRemoteAddress() != null
                        ? web.getRemoteAddress()
                        : "unknown";
        boolean wellFormed = user != null && !user.isBlank() && user.length() <= 64 && credentials != null;
        String account = wellFormed ? user : "";
        if (!throttle.allows(account, address)) {
            log.warn(
                    "Sign-in refused for {} from {}: too many failed sign-ins from that address",
                    describe(account),
                    address);
            throw new SignInThrottledException();
        }
        if (!wellFormed || !identity.checkPassword(user, credentials.toString())) {
            throttle.failed(account, address);
            log.warn("Sign-in failed for {} from {}", describe(account), address);
            throw new BadCredentialsException("Bad credentials");
        }
        throttle.succeeded(account, address);
        var groups = identity.createGroupQuery().groupMember(user).list().stream()
                .map(Group::getId)
                .toList();
        return UsernamePasswordAuthenticationToken.authenticated(user, null, Groups.authorities(groups));
    }

    /** The account id when it exists; otherwise nothing of what was typed (it may be a password or a name). */
    private String describe(String account) {
        if (account.isEmpty()
                || !account.matches("[A-Za-z0-9._@-]{1,64}")
                || identity.createUserQuery().userId(account).count() == 0) {
            return "an unknown account";
        }
        return "account '" + account + "'";
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
