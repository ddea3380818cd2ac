package org.careloop.engine.security;

import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Staff sign-in through the organisation's OpenID Connect identity provider (single sign-on). Set {@code issuer-uri},
 * {@code client-id} and {@code client-secret} to turn it on; CareLoop then reads the provider's discovery document at
 * the first sign-in, not at start.
 *
 * @param issuerUri     the provider's issuer ({@code …/.well-known/openid-configuration} is read from it)
 * @param clientId      CareLoop's client at the provider (authorization code flow, redirect URI {@code
 *                      <public-base-url>/login/oauth2/code/oidc})
 * @param clientSecret  its secret
 * @param name          the provider's name on the sign-in page ("Sign in with …")
 * @param groupsClaim   the ID token claim that lists the user's groups: CareLoop's roles ({@code nurse},
 *                      {@code care-coordinator}, …) are group names
 * @param usernameClaim the claim that is the user's name in CareLoop (tasks, audit trail)
 * @param localSignIn   whether CareLoop's own user names and passwords are still accepted beside the provider (a
 *                      break-glass administrator); off by default once a provider is set
 * @param multiFactorMethods the authentication methods ({@code amr} claim, RFC 8176) that prove a second factor; where
 *                      {@code careloop.security.second-factor-required}, a sign-in whose ID token names none of them
 *                      is refused
 * @param scopes        the scopes asked for
 */
@ConfigurationProperties("careloop.security.oidc")
public record OidcProperties(
        URI issuerUri,
        String clientId,
        String clientSecret,
        @DefaultValue("your organisation's sign-in") String name,
        @DefaultValue("groups") String groupsClaim,
        @DefaultValue("preferred_username") String usernameClaim,
        @DefaultValue("false") boolean localSignIn,

        @DefaultValue({"mfa", "otp", "hwk", "swk", "sms", "fpt", "face"})
        List<String> multiFactorMethods,

        @DefaultValue({"openid", "profile"}) List<String> scopes) {

    /** The registration id in CareLoop's URLs ({@code /oauth2/authorization/oidc}). */
    public static final String REGISTRATION = "oidc";

    public boolean enabled() {
        return issuerUri != null && clientId != null && !clientId.isBlank();
    }

    /** Whether the local sign-in form is offered: always without a provider, with one only if asked for. */
    public boolean localUsers() {
        return !enabled() || localSignIn;
    }

    /** The sign-in page's choices: the provider by its name when one is set, and the local form when offered. */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class SignInPage {

        @org.springframework.context.annotation.Bean
        org.careloop.forms.home.SignInOptions signInOptions(OidcProperties oidc) {
            return new org.careloop.forms.home.SignInOptions() {
                @Override
                public String singleSignOn() {
                    return oidc.enabled() ? oidc.name() : null;
                }

                @Override
                public boolean localSignIn() {
                    return oidc.localUsers();
                }
            };
        }
    }
}
