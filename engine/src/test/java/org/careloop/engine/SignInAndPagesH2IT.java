package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Signing in, unknown addresses, the favicon and the simulator's reply form, in a real browser. */
class SignInAndPagesH2IT extends BrowserStackTest {

    @Test
    void eachUserLandsOnTheirOwnWorkAfterSigningInOrOnThePageTheyAskedFor() {
        Page nurse = browser.signedIn("nurse");
        Page analyst = browser.signedIn("analyst");
        Page admin = browser.signedIn("admin");

        assertThat(URI.create(nurse.url()).getPath()).isEqualTo("/tasks");
        assertThat(URI.create(analyst.url()).getPath()).isEqualTo("/admin/programs");
        assertThat(URI.create(admin.url()).getPath()).isEqualTo("/admin/programs");

        BrowserContext fresh = browser.anonymous();
        Page asked = fresh.newPage();
        asked.navigate("/simulator");
        assertThat(URI.create(asked.url()).getPath()).isEqualTo("/login");
        Chromium.signIn(asked, "coordinator", "demo");
        assertThat(URI.create(asked.url()).getPath()).isEqualTo("/simulator");
        for (Page page : new Page[] {nurse, analyst, admin}) {
            page.context().close();
        }
        fresh.close();
    }

    @Test
    void aFailedSignInSaysSoKeepsTheUserNameAndAsksForThePasswordAgain() {
        BrowserContext fresh = browser.anonymous();
        Page page = fresh.newPage();
        page.navigate("/login");

        Chromium.signIn(page, "nurse", "not-the-password");

        assertThat(page.locator(".flash.error").innerText()).isEqualTo("Wrong user name or password.");
        assertThat(page.getByLabel("User name").inputValue()).isEqualTo("nurse");
        assertThat(page.getByLabel("Password").inputValue()).isEmpty();
        assertThat(page.evaluate("document.activeElement.name")).isEqualTo("password");
        Chromium.assertAccessible(page);
        fresh.close();
    }

    @Test
    void anUnknownAddressShowsAPageToAPersonAndAProblemToAnApiClient() {
        Page page = browser.signedIn("nurse");
        var response = page.navigate("/no-such-page");

        assertThat(response.status()).isEqualTo(404);
        assertThat(page.title()).isEqualTo("Page not found · CareLoop");
        assertThat(page.getByRole(AriaRole.HEADING).first().innerText()).isEqualTo("Page not found");
        Chromium.assertAccessible(page);
        page.context().close();

        HttpResponse<String> api = send(HttpRequest.newBuilder(URI.create(url("/no-such-page")))
                .header("Authorization", basic("admin"))
                .header("Accept", "application/json")
                .build());
        assertThat(api.statusCode()).isEqualTo(404);
        assertThat(api.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }

    @Test
    void everyPageNamesItsLanguageAndCarriesAFavicon() {
        Page page = browser.signedIn("nurse");
        for (String path : new String[] {"/", "/tasks", "/simulator"}) {
            page.navigate(path);
            assertThat(page.locator("html").getAttribute("lang")).as(path).isEqualTo("en");
            String icon = page.locator("link[rel=icon]").getAttribute("href");
            assertThat(page.request().get(icon).status()).as(path).isEqualTo(200);
        }
        page.context().close();
    }

    @Test
    void aBlankReplyInTheSimulatorIsRefused() {
        String mobile = TestNumbers.unused("+1617559");
        String patientId = patient(mobile, "en", p -> {});
        firstCheckIn(enrolByDischarge(patientId, "post-discharge"));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> sent(patientId, "post-discharge-checkin-1").size() == 1);

        Page page = browser.signedIn("nurse");
        page.navigate("/simulator");
        Locator phone = page.locator(".phone").filter(new Locator.FilterOptions().setHasText(mobile));
        phone.getByLabel("Reply as the patient from " + mobile).fill("   ");
        phone.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Send reply"))
                .click();
        page.waitForLoadState();

        assertThat(page.locator(".flash.error").innerText()).isEqualTo("Write a reply before sending it.");
        Chromium.assertAccessible(page);
        page.context().close();
    }

    @Test
    void atPhoneWidthTheTaskListAndTheTaskPageFitTheScreenAndTheTitleNamesUrgencyAndPatient() {
        String taskId = chestPainHandoff();

        Page page = browser.signedIn("nurse");
        page.setViewportSize(375, 740);
        for (String path : new String[] {"/tasks", "/tasks/" + taskId}) {
            page.navigate(path);
            assertThat(page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth"))
                    .as("nothing scrolls sideways on %s", path)
                    .isEqualTo(true);
            Chromium.assertAccessible(page);
        }
        assertThat(page.title()).isEqualTo("Emergency · Pat Scenario · Follow up on reply · CareLoop");
        page.context().close();
    }

    @Test
    void aPageTheRoleDoesNotOpenSaysSoAndPointsToTheUsersOwnWork() {
        Page analyst = browser.signedIn("analyst");
        var response = analyst.navigate("/tasks");

        assertThat(response.status()).isEqualTo(403);
        assertThat(analyst.title()).isEqualTo("No access · CareLoop");
        assertThat(analyst.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Your work"))
                        .getAttribute("href"))
                .isEqualTo("/admin/programs");
        Chromium.assertAccessible(analyst);
        analyst.context().close();

        Page nurse = browser.signedIn("nurse");
        assertThat(nurse.navigate("/admin/programs").status()).isEqualTo(403);
        assertThat(nurse.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Your work"))
                        .getAttribute("href"))
                .isEqualTo("/tasks");
        nurse.context().close();
    }
}
