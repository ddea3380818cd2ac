package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.time.Duration;
import java.util.List;
import org.careloop.engine.security.StaffDirectory;
import org.careloop.testidp.TestIdentityProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Staff sign in through their organisation's OpenID Connect provider (a real Spring Authorization Server on its own
 * port) in a real browser: CareLoop sends them there, checks the ID token it gets back, takes their name and groups
 * from its claims, and opens what their role opens, as for a local user, with what they read on the audit trail under
 * their name; someone in no CareLoop group opens nothing. A provider that is away is said so on the sign-in page;
 * signing out of CareLoop signs out of the provider, and the provider signing a person out (back-channel) ends their
 * CareLoop sessions; a colleague known only to the provider can be handed a task.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SingleSignOnH2IT extends BrowserStackTest {

    private static final String CARELOOP = "http://127.0.0.1:" + PORT;

    private static ConfigurableApplicationContext provider;
    private static Chromium ssoBrowser;

    @Autowired
    StaffDirectory staffDirectory;

    @BeforeAll
    static void startTheBrowser() {
        ssoBrowser = new Chromium(CARELOOP);
    }

    /**
     * The provider, started at first need. It accepts an IP literal, not "localhost", in a redirect URI: the browser
     * uses 127.0.0.1 for CareLoop and localhost for the provider, so that each keeps its own cookies.
     */
    private static synchronized void theProviderRuns() {
        if (provider == null) {
            provider = TestIdentityProvider.start(IDENTITY_PROVIDER_PORT, CARELOOP);
        }
    }

    @AfterAll
    static void stopTheProvider() {
        ssoBrowser.close();
        if (provider != null) {
            provider.close();
        }
    }

    private static Page.GetByRoleOptions named(String name) {
        return new Page.GetByRoleOptions().setName(name);
    }

    private Page signInThroughTheProvider(String person) {
        return signInThroughTheProvider(ssoBrowser.anonymous().newPage(), person);
    }

    private Page signInThroughTheProvider(Page page, String person) {
        theProviderRuns();
        page.navigate("/login");
        page.getByRole(AriaRole.LINK, named("Sign in with Springfield SSO")).click();
        page.waitForURL(url -> url.startsWith("http://localhost:" + IDENTITY_PROVIDER_PORT + "/login"));
        page.getByLabel("Username").fill(person);
        page.getByLabel("Password").fill(TestIdentityProvider.PASSWORD);
        page.getByRole(AriaRole.BUTTON, named("Sign in")).click();
        page.waitForURL(url -> url.startsWith(CARELOOP) && !url.contains("/login/oauth2/"));
        page.waitForLoadState();
        return page;
    }

    @Test
    @Order(1)
    void whileTheProviderCannotBeReachedTheSignInPageSaysSoAndSignInWorksOnceItIsBack() {
        // first in this class: no sign-in has read the provider's discovery document yet
        assertThat(provider).isNull();
        Page page = ssoBrowser.anonymous().newPage();
        page.navigate("/login");
        page.getByRole(AriaRole.LINK, named("Sign in with Springfield SSO")).click();
        page.waitForURL(url -> url.startsWith(CARELOOP + "/login?sso-error"));

        assertThat(page.locator(".flash.error").textContent())
                .isEqualTo("Springfield SSO cannot be reached just now. Try again in a few minutes, "
                        + "or sign in with a CareLoop account below.");
        assertThat(page.getByLabel("User name").isVisible()).isTrue();
        Chromium.assertAccessible(page);

        Page signedIn = signInThroughTheProvider(page, "sso-nurse");
        assertThat(signedIn.url()).isEqualTo(CARELOOP + "/tasks");
    }

    @Test
    void aNurseSignsInThroughHerOrganisationsProviderAndWorksHerQueueUnderHerOwnName() {
        theProviderRuns();
        Page login = ssoBrowser.anonymous().newPage();
        login.navigate("/login");
        assertThat(login.getByRole(AriaRole.LINK, named("Sign in with Springfield SSO"))
                        .isVisible())
                .isTrue();
        Chromium.assertAccessible(login);

        Page page = signInThroughTheProvider("sso-nurse");

        assertThat(page.url()).isEqualTo(CARELOOP + "/tasks");
        assertThat(page.locator("h1").textContent()).isEqualTo("Open handoffs");
        assertThat(page.content()).contains("sso-nurse");
        String taskId = chestPainHandoff();
        String patientId = (String) tasks.getVariable(taskId, "patientId");
        assertThat(page.navigate("/tasks/" + taskId).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> engineDb.queryForObject(
                                "select count(*) from audit_log where agent = ? and patient_id = ?",
                                Integer.class,
                                "sso-nurse",
                                patientId)
                        > 0);
        var admin = page.navigate("/admin/programs");
        assertThat(admin.status())
                .as("a nurse's role, from the provider's groups")
                .isEqualTo(403);
    }

    @Test
    void signingOutOfCareLoopSignsOutOfTheProviderToo() {
        Page page = signInThroughTheProvider("sso-nurse");

        page.getByRole(AriaRole.BUTTON, named("Sign out")).click();
        page.waitForURL(CARELOOP + "/");
        assertThat(page.navigate("/tasks").url()).isEqualTo(CARELOOP + "/login");

        // the provider asks for the password again: its own session ended with CareLoop's
        page.getByRole(AriaRole.LINK, named("Sign in with Springfield SSO")).click();
        page.waitForURL(url -> url.startsWith("http://localhost:" + IDENTITY_PROVIDER_PORT + "/login"));
        assertThat(page.getByLabel("Password").isVisible()).isTrue();
    }

    @Test
    void aNurseHandsATaskToAColleagueWhoSignsInOnlyThroughTheProvider() {
        // sso-nurse has no CareLoop account: the directory knows her from her sign-in
        signInThroughTheProvider("sso-nurse").close();
        assertThat(staffDirectory.membersOf("nurse")).contains("sso-nurse");
        assertThat(staffDirectory.groupsOf("sso-nurse")).isEqualTo(List.of("nurse", "main"));

        String taskId = chestPainHandoff();
        Page page = browser.signedIn("nurse");
        page.navigate("/tasks/" + taskId);
        page.getByRole(AriaRole.BUTTON, named("Claim")).click();
        page.waitForLoadState();
        page.getByLabel("Hand to a colleague").selectOption("sso-nurse");
        page.getByRole(AriaRole.BUTTON, named("Hand over")).click();
        page.waitForLoadState();

        assertThat(tasks.createTaskQuery().taskId(taskId).singleResult().getAssignee())
                .isEqualTo("sso-nurse");
        Page hers = signInThroughTheProvider("sso-nurse");
        assertThat(hers.navigate("/tasks/" + taskId).status()).isEqualTo(200);
        assertThat(hers.getByRole(AriaRole.BUTTON, named("Complete")).count()).isPositive();
    }

    @Test
    void someoneTheProviderKnowsButInNoCareLoopGroupOpensNothing() {
        Page page = signInThroughTheProvider("sso-visitor");

        assertThat(page.navigate("/tasks").status()).isEqualTo(403);
        assertThat(page.navigate("/audit").status()).isEqualTo(403);
    }

    /** A logout token (OpenID Connect Back-Channel Logout 1.0) for a person, signed with the given keys. */
    private static String logoutToken(
            com.nimbusds.jose.jwk.source.JWKSource<com.nimbusds.jose.proc.SecurityContext> keys, String subject) {
        var claims = org.springframework.security.oauth2.jwt.JwtClaimsSet.builder()
                .issuer("http://localhost:" + IDENTITY_PROVIDER_PORT)
                .audience(List.of(TestIdentityProvider.CLIENT_ID))
                .issuedAt(java.time.Instant.now())
                .id(java.util.UUID.randomUUID().toString())
                .subject(subject)
                .claim(
                        "events",
                        java.util.Map.of("http://schemas.openid.net/event/backchannel-logout", java.util.Map.of()))
                .build();
        var header = org.springframework.security.oauth2.jwt.JwsHeader.with(
                        org.springframework.security.oauth2.jose.jws.SignatureAlgorithm.RS256)
                .type("logout+jwt")
                .build();
        return new org.springframework.security.oauth2.jwt.NimbusJwtEncoder(keys)
                .encode(org.springframework.security.oauth2.jwt.JwtEncoderParameters.from(header, claims))
                .getTokenValue();
    }

    /** What the provider posts to CareLoop's back-channel logout endpoint: no cookie, no CSRF token. */
    private int backChannelLogout(String token) {
        return send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/logout/connect/back-channel/oidc")))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("logout_token=" + token))
                        .build())
                .statusCode();
    }

    @Test
    @Order(Integer.MAX_VALUE) // last: it ends every session the nurse has
    @SuppressWarnings("unchecked")
    void theProviderSigningANurseOutEndsHerCareLoopSessionAtHerNextPageAndAForgedSignOutDoesNothing() throws Exception {
        Page nurse = signInThroughTheProvider("sso-nurse");
        Page visitor = signInThroughTheProvider("sso-visitor");
        var generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var pair = generator.generateKeyPair();
        var forgedKeys = new com.nimbusds.jose.jwk.source.ImmutableJWKSet<com.nimbusds.jose.proc.SecurityContext>(
                new com.nimbusds.jose.jwk.JWKSet(new com.nimbusds.jose.jwk.RSAKey.Builder(
                                (java.security.interfaces.RSAPublicKey) pair.getPublic())
                        .privateKey(pair.getPrivate())
                        .keyID("forged")
                        .build()));

        assertThat(backChannelLogout(logoutToken(forgedKeys, "sso-nurse")))
                .as("a logout token the provider did not sign")
                .isEqualTo(400);
        assertThat(nurse.navigate("/tasks").url()).isEqualTo(CARELOOP + "/tasks");

        assertThat(backChannelLogout(
                        logoutToken(provider.getBean(com.nimbusds.jose.jwk.source.JWKSource.class), "sso-nurse")))
                .isEqualTo(200);

        nurse.navigate("/tasks");
        assertThat(nurse.url()).isEqualTo(CARELOOP + "/login?sso-signed-out");
        assertThat(nurse.locator(".flash.ok").textContent())
                .isEqualTo("You were signed out because your organisation's sign-in ended your session. Sign in "
                        + "again to go on.");
        Chromium.assertAccessible(nurse);
        assertThat(nurse.navigate("/tasks").url()).as("the session is gone").isEqualTo(CARELOOP + "/login");
        assertThat(visitor.navigate("/").url())
                .as("another person's session goes on")
                .isEqualTo(CARELOOP + "/");
        assertThat(visitor.content()).contains("sso-visitor");
    }
}
