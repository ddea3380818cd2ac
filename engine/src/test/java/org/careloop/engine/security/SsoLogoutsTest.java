package org.careloop.engine.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.authentication.logout.OidcLogoutToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/** Two nodes on one database: a sign-out the provider announced to one ends the matching sessions on the other. */
class SsoLogoutsTest {

    private static final String ISSUER = "https://sso.springfield-general.example";
    private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

    private SsoLogouts nodeA;
    private SsoLogouts nodeB;

    @BeforeEach
    void twoNodesOnOneDatabase() throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(
                new DriverManagerDataSource("jdbc:h2:mem:sso-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""));
        try (var migration = getClass().getResourceAsStream("/db/migration/V38__sso_logouts.sql")) {
            for (String statement : new String(migration.readAllBytes(), StandardCharsets.UTF_8)
                    .replaceAll("(?m)^--.*$", "")
                    .split(";")) {
                if (!statement.isBlank()) {
                    jdbc.execute(statement);
                }
            }
        }
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        nodeA = new SsoLogouts(jdbc, clock);
        nodeB = new SsoLogouts(jdbc, clock);
    }

    private static OidcUser signedIn(String subject, String sid, Instant at) {
        Map<String, Object> claims =
                sid == null ? Map.of("iss", ISSUER, "sub", subject) : Map.of("iss", ISSUER, "sub", subject, "sid", sid);
        return new DefaultOidcUser(
                List.of(new SimpleGrantedAuthority("ROLE_nurse")),
                new OidcIdToken("id-token", at, at.plusSeconds(300), claims));
    }

    private static void announce(SsoLogouts node, String subject, String sid) {
        var token = OidcLogoutToken.withTokenValue("logout-token")
                .issuer(ISSUER)
                .audience(List.of("careloop"))
                .jti(UUID.randomUUID().toString())
                .issuedAt(NOW)
                .events(Map.of("http://schemas.openid.net/event/backchannel-logout", Map.of()));
        if (subject != null) {
            token.subject(subject);
        }
        if (sid != null) {
            token.sessionId(sid);
        }
        node.recorder().logout(null, null, new TestingAuthenticationToken(token.build(), null));
    }

    @Test
    void aProviderSessionEndedOnOneNodeEndsItsSessionsOnTheOtherAndNoOtherSession() {
        OidcUser inThatSession = signedIn("ana", "sid-1", NOW.minusSeconds(600));
        OidcUser inAnother = signedIn("ana", "sid-2", NOW.minusSeconds(600));
        assertThat(nodeA.ended(inThatSession))
                .as("open before the provider's call")
                .isFalse();

        announce(nodeA, "ana", "sid-1");

        assertThat(nodeA.ended(inThatSession))
                .as("the node that took the call, at once, though it had just seen the session open")
                .isTrue();
        assertThat(nodeB.ended(inThatSession)).as("the other node").isTrue();
        assertThat(nodeB.ended(inAnother))
                .as("another provider session of the same person")
                .isFalse();
    }

    @Test
    void aSignOutNamingOnlyThePersonEndsTheirEarlierSessionsButNotOneBegunAfter() {
        OidcUser before = signedIn("ben", null, NOW.minusSeconds(60));
        OidcUser after = signedIn("ben", null, NOW.plusSeconds(60));
        OidcUser someoneElse = signedIn("cat", null, NOW.minusSeconds(60));

        announce(nodeA, "ben", null);

        assertThat(nodeB.ended(before)).isTrue();
        assertThat(nodeB.ended(after)).as("signed in again since").isFalse();
        assertThat(nodeB.ended(someoneElse)).isFalse();
    }
}
