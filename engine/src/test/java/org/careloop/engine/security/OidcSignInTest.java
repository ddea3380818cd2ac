package org.careloop.engine.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.util.unit.DataSize;

/**
 * What CareLoop makes of an identity provider's ID token: the user's name and CareLoop roles from its claims, and,
 * where a second factor is required, a refusal unless the token says one was used.
 */
class OidcSignInTest {

    private static final OidcProperties OIDC = new OidcProperties(
            URI.create("https://idp.example"),
            "careloop",
            "secret",
            "Example SSO",
            "groups",
            "preferred_username",
            false,
            List.of("mfa", "otp", "hwk", "swk", "sms", "fpt", "face"),
            List.of("openid", "profile"));

    private static SecurityProperties security(boolean secondFactorRequired) {
        return new SecurityProperties(
                DataSize.ofMegabytes(16),
                false,
                new SecurityProperties.SignIn(20, 5, java.time.Duration.ofMinutes(15)),
                false,
                secondFactorRequired,
                new SecurityProperties.Webhooks(20, java.time.Duration.ofMinutes(15)),
                false);
    }

    /** A sign-in request as the provider's callback leaves it: the registration, a token, and the ID token. */
    private static OidcUserRequest request(Map<String, Object> claims) {
        ClientRegistration registration = ClientRegistration.withRegistrationId(OidcProperties.REGISTRATION)
                .clientId("careloop")
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .authorizationUri("https://idp.example/authorize")
                .tokenUri("https://idp.example/token")
                .scope("openid")
                .userNameAttributeName("preferred_username")
                .build();
        Instant now = Instant.now();
        OidcIdToken idToken = OidcIdToken.withTokenValue("id-token")
                .subject("user-1")
                .issuedAt(now)
                .expiresAt(now.plusSeconds(300))
                .claims(c -> c.putAll(claims))
                .build();
        return new OidcUserRequest(
                registration,
                new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "access", now, now.plusSeconds(300)),
                idToken);
    }

    /** The sign-ins the staff directory was told of: name and groups. */
    private final Map<String, List<String>> noted = new java.util.HashMap<>();

    @Test
    void theUsersNameAndCareLoopRolesComeFromTheTokensClaimsAndTheSignInIsNoted() {
        OidcUser user = OidcSignIn.users(OIDC, security(false), noted::put)
                .loadUser(request(Map.of("preferred_username", "ana", "groups", List.of("nurse", "care-coordinator"))));

        assertThat(noted).isEqualTo(Map.of("ana", List.of("nurse", "care-coordinator")));
        assertThat(user.getName()).isEqualTo("ana");
        assertThat(user.getAuthorities()).extracting(Object::toString).contains("ROLE_NURSE", "ROLE_CARE_COORDINATOR");
        assertThat(OidcSignIn.groups("nurse, pharmacist")).containsExactly("nurse", "pharmacist");
        assertThat(OidcSignIn.groups(List.of("nurse", "<script>"))).containsExactly("nurse");
        assertThat(OidcSignIn.groups(null)).isEmpty();
    }

    @Test
    void whereASecondFactorIsRequiredATokenThatNamesNoneIsRefused() {
        var users = OidcSignIn.users(OIDC, security(true), noted::put);

        assertThatThrownBy(() -> users.loadUser(request(
                        Map.of("preferred_username", "ana", "groups", List.of("nurse"), "amr", List.of("pwd")))))
                .isInstanceOf(OAuth2AuthenticationException.class)
                .hasMessageContaining("second factor");
        assertThatThrownBy(() -> users.loadUser(request(Map.of("preferred_username", "ana"))))
                .as("no amr at all")
                .isInstanceOf(OAuth2AuthenticationException.class);
        assertThat(noted).as("a refused sign-in is not noted").isEmpty();
        assertThat(users.loadUser(request(Map.of(
                                "preferred_username", "ana", "groups", List.of("nurse"), "amr", List.of("pwd", "otp"))))
                        .getName())
                .isEqualTo("ana");
    }

    @Test
    void aTokenWithoutAUsableNameSignsNobodyIn() {
        assertThatThrownBy(() -> OidcSignIn.users(OIDC, security(false), noted::put)
                        .loadUser(request(Map.of("groups", List.of("nurse")))))
                .isInstanceOf(OAuth2AuthenticationException.class);
        assertThat(noted).isEmpty();
    }
}
