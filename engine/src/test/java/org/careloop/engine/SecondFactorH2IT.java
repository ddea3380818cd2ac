package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.net.http.HttpResponse;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Two-step sign-in: a nurse sets up an authenticator app from the page (QR code or key, then a first code); from then
 * on her password alone opens nothing, not even Camunda's applications, until she gives a code; a code is accepted
 * once; wrong codes end the session. (In the demo the second factor is chosen; outside it, it is required: the
 * PostgreSQL flow signs every user in with one.)
 */
class SecondFactorH2IT extends BrowserStackTest {

    private static final String USER = "two-step-nurse";

    @Autowired
    IdentityService identity;

    @BeforeAll
    static void noUserYet() {
        IntegrationSupport.SECOND_FACTORS.remove(USER);
    }

    private void nurseWithoutSecondFactor() {
        if (identity.createUserQuery().userId(USER).count() == 0) {
            User user = identity.newUser(USER);
            user.setFirstName("Two-step");
            user.setLastName("Nurse");
            user.setPassword("demo");
            identity.saveUser(user);
            identity.createMembership(USER, "nurse");
        }
    }

    @Test
    void aNurseSetsUpTwoStepSignInAndThenHerPasswordAloneOpensNothing() {
        nurseWithoutSecondFactor();
        Page page = browser.signedIn(USER);
        assertThat(page.url())
                .as("the demo asks no second factor of one who has none")
                .endsWith("/tasks");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Two-step sign-in"))
                .click();
        page.waitForLoadState();
        assertThat(page.locator("#qr-code").getAttribute("src")).startsWith("data:image/png;base64,");
        Chromium.assertAccessible(page);
        String key = page.locator("#secret").textContent().replace(" ", "");
        page.getByLabel("The 6-digit code from your authenticator app").fill("000000");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Confirm"))
                .click();
        page.waitForLoadState();
        assertThat(page.locator(".flash.error").textContent()).contains("not right");
        page.getByLabel("The 6-digit code from your authenticator app").fill(totp(USER, key));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Confirm"))
                .click();
        page.waitForLoadState();
        assertThat(page.url()).endsWith("/tasks");
        page.context().close();

        // the next sign-in: the password, then the code
        Browser nurse = new Browser();
        HttpResponse<String> login = nurse.get("/login");
        HttpResponse<String> password = nurse.submit("/login", Map.of("username", USER, "password", "demo"));
        assertThat(password.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login/second-factor"));
        assertThat(login.statusCode()).isEqualTo(200);
        for (String path : new String[] {"/tasks", "/simulator", "/camunda/app/cockpit/default/", "/audit"}) {
            HttpResponse<String> refused = nurse.get(path);
            assertThat(refused.statusCode()).as(path).isEqualTo(302);
            assertThat(refused.headers().firstValue("Location"))
                    .hasValueSatisfying(l -> assertThat(l).endsWith("/login/second-factor"));
        }
        assertThat(nurse.get("/login/second-factor").body()).contains("Two-step sign-in");
        String code = totp(USER, key);
        HttpResponse<String> signedIn = nurse.submit("/login/second-factor", Map.of("code", code));
        assertThat(signedIn.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/tasks"));
        assertThat(nurse.get("/tasks").statusCode()).isEqualTo(200);

        // the same code a second time (seen over her shoulder): refused
        Browser onlooker = new Browser();
        onlooker.get("/login");
        onlooker.submit("/login", Map.of("username", USER, "password", "demo"));
        onlooker.get("/login/second-factor");
        HttpResponse<String> replayed = onlooker.submit("/login/second-factor", Map.of("code", code));
        assertThat(replayed.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/login/second-factor"));
        assertThat(onlooker.get("/tasks").statusCode()).isEqualTo(302);

        // wrong codes (the replay was one): by the fifth the session has ended and the password is asked for again
        String ended = null;
        for (int i = 0; i < 4 && ended == null; i++) {
            onlooker.get("/login/second-factor");
            String next = onlooker.submit("/login/second-factor", Map.of("code", String.format("%06d", i)))
                    .headers()
                    .firstValue("Location")
                    .orElse("");
            ended = next.contains("/login?throttled") ? next : null;
        }
        assertThat(ended).as("the session ended after wrong codes").isNotNull();
        assertThat(onlooker.get("/tasks").statusCode())
                .as("signed out: a sign-in is asked for")
                .isIn(302, 401);
        assertThat(onlooker.get("/login/second-factor").statusCode())
                .as("no password waits for a code any more")
                .isIn(302, 401);

        // her phone is lost: an administrator resets it (her next sign-in sets up a new one), nobody else can
        java.util.function.Function<String, HttpResponse<String>> reset = user -> send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/api/users/" + USER + "/second-factor")))
                        .header("Authorization", basic(user))
                        .DELETE()
                        .build());
        assertThat(reset.apply("nurse").statusCode()).isEqualTo(403);
        assertThat(reset.apply("admin").statusCode()).isEqualTo(204);
        assertThat(identity.createUserQuery().userId(USER).count()).isEqualTo(1);
        assertThat(engineDb.queryForObject(
                        "select count(*) from staff_second_factor where user_id = ?", Integer.class, USER))
                .isZero();
    }
}
