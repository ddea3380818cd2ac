package org.careloop.engine.security;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Staff sign-in through an OpenID Connect provider ({@link OidcProperties}): the authorization code flow, the ID token
 * checked against the provider's keys, the user's name and groups taken from its claims. Groups are CareLoop's roles,
 * as they are for local users, so the same rules apply (a user in no group CareLoop knows is signed in to nothing).
 * Where a second factor is required, the provider must say it asked for one ({@code amr}); CareLoop does not ask
 * again. Each sign-in is noted (in the {@link StaffDirectory}), so that colleagues can hand this person a task.
 */
final class OidcSignIn {

    private static final Logger log = LoggerFactory.getLogger(OidcSignIn.class);

    private OidcSignIn() {}

    /**
     * The provider's registration, read from its discovery document at the first sign-in (not at start, so that
     * CareLoop starts while the provider is briefly away) and kept once read.
     */
    static ClientRegistrationRepository registrations(OidcProperties oidc) {
        AtomicReference<ClientRegistration> read = new AtomicReference<>();
        return id -> {
            if (!OidcProperties.REGISTRATION.equals(id)) {
                return null;
            }
            ClientRegistration registration = read.get();
            if (registration == null) {
                registration = discovered(oidc);
                read.compareAndSet(null, registration);
            }
            return registration;
        };
    }

    /** The registration from the provider's discovery document; a provider that cannot be read is logged, by name. */
    private static ClientRegistration discovered(OidcProperties oidc) {
        try {
            return ClientRegistrations.fromIssuerLocation(oidc.issuerUri().toString())
                    .registrationId(OidcProperties.REGISTRATION)
                    .clientId(oidc.clientId())
                    .clientSecret(oidc.clientSecret())
                    .scope(oidc.scopes())
                    .userNameAttributeName(oidc.usernameClaim())
                    .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                    .build();
        } catch (RuntimeException unreadable) {
            log.warn(
                    "The identity provider's discovery document at {} could not be read ({}): nobody can sign in "
                            + "through it until it can",
                    oidc.issuerUri(),
                    unreadable.getClass().getSimpleName());
            throw unreadable;
        }
    }

    /** The signed-in user: the provider's user with CareLoop's authorities for the groups its token names. */
    static OAuth2UserService<OidcUserRequest, OidcUser> users(
            OidcProperties oidc,
            SecurityProperties security,
            java.util.function.BiConsumer<String, List<String>> signedIn) {
        OidcUserService provider = new OidcUserService();
        return request -> {
            OidcUser user;
            try {
                user = provider.loadUser(request);
            } catch (IllegalArgumentException noName) {
                // the token lacks the claim that names the user
                throw refused("no_user_name", "The identity provider gave no " + oidc.usernameClaim());
            }
            String name = user.getClaimAsString(oidc.usernameClaim());
            if (name == null || name.isBlank() || name.length() > 100) {
                throw refused("no_user_name", "The identity provider gave no usable " + oidc.usernameClaim());
            }
            if (security.secondFactorRequired() && !multiFactor(user.getClaimAsStringList("amr"), oidc)) {
                log.warn("Sign-in of {} through the identity provider refused: no second factor in its token", name);
                throw refused(
                        "second_factor_required",
                        "Your organisation's sign-in did not confirm a second factor; CareLoop needs one");
            }
            List<String> groups = groups(user.getClaims().get(oidc.groupsClaim()));
            log.info("{} signed in through the identity provider with groups {}", name, groups);
            signedIn.accept(name, groups);
            return new DefaultOidcUser(
                    Groups.authorities(groups), user.getIdToken(), user.getUserInfo(), oidc.usernameClaim());
        };
    }

    static boolean multiFactor(List<String> methods, OidcProperties oidc) {
        return methods != null && methods.stream().anyMatch(Set.copyOf(oidc.multiFactorMethods())::contains);
    }

    /** The group names a claim holds: a list, or one string with names separated by spaces or commas. */
    static List<String> groups(Object claim) {
        if (claim instanceof Collection<?> names) {
            return names.stream()
                    .map(String::valueOf)
                    .filter(g -> g.matches("[A-Za-z0-9._-]{1,64}"))
                    .toList();
        }
        if (claim instanceof String names && !names.isBlank()) {
            return groups(List.of(names.split("[\\s,]+")));
        }
        return List.of();
    }

    private static OAuth2AuthenticationException refused(String code, String message) {
        return new OAuth2AuthenticationException(new OAuth2Error(code, message, null), message);
    }
}
