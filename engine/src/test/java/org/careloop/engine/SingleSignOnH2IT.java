package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.time.Duration;
import org.careloop.testidp.TestIdentityProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Staff sign in through their organisation's OpenID Connect provider (a real Spring Authorization Server on its own
 * port) in a real browser: CareLoop sends them there, checks the ID token it gets back, takes their name and groups
 * from its claims, and opens what their role opens, as for a local user, with what they read on the audit trail under
 * their name; someone in no CareLoop group opens nothing.
 */
class SingleSignOnH2IT extends BrowserStackTest {

    private static ConfigurableApplicationContext provider;
    private static Chromium ssoBrowser;

    @BeforeAll
    static void startTheProvider() {
        // the provider accepts an IP literal, not "localhost", in a redirect URI: the browser uses 127.0.0.1 for
        // CareLoop and localhost for the provider, so that each keeps its own cookies
        provider = TestIdentityProvider.start(
                IDENTITY_PROVIDER_PORT, "http://127.0.0.1:" + PORT + "/login/oauth2/code/oidc");
        ssoBrowser = new Chromium("http://127.0.0.1:" + PORT);
    }

    @AfterAll
    static void stopTheProvider() {
        ssoBrowser.close();
        provider.close();
    }

    private Page signInThroughTheProvider(String person) {
        Page page = ssoBrowser.anonymous().newPage();
        page.navigate("/login");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in with Springfield SSO"))
                .click();
        page.waitForURL(url -> url.startsWith("http://localhost:" + IDENTITY_PROVIDER_PORT + "/login"));
        page.getByLabel("Username").fill(person);
        page.getByLabel("Password").fill(TestIdentityProvider.PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
        page.waitForURL(url -> url.startsWith("http://127.0.0.1:" + PORT) && !url.contains("/login/oauth2/"));
        page.waitForLoadState();
        return page;
    }

    @Test
    void aNurseSignsInThroughHerOrganisationsProviderAndWorksHerQueueUnderHerOwnName() {
        Page login = ssoBrowser.anonymous().newPage();
        login.navigate("/login");
        assertThat(login.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in with Springfield SSO"))
                        .isVisible())
                .isTrue();
        Chromium.assertAccessible(login);

        Page page = signInThroughTheProvider("sso-nurse");

        assertThat(page.url()).isEqualTo("http://127.0.0.1:" + PORT + "/tasks");
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
    void someoneTheProviderKnowsButInNoCareLoopGroupOpensNothing() {
        Page page = signInThroughTheProvider("sso-visitor");

        assertThat(page.navigate("/tasks").status()).isEqualTo(403);
        assertThat(page.navigate("/audit").status()).isEqualTo(403);
    }
}
