package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Debian's Chromium, headless, driven by Playwright: the pages as a user's browser sees them, checked by axe-core
 * against WCAG 2.1 A and AA. Playwright never downloads a browser of its own. One per test class; close it after.
 */
final class Chromium implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("careloop.chromium", "/usr/bin/chromium"));

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser chromium;
    private final String baseUrl;

    Chromium(String baseUrl) {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException(
                    "Browser tests need Chromium at " + CHROMIUM + " (apt-get install chromium; .ci/run installs it)");
        }
        this.baseUrl = baseUrl;
        this.playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        this.chromium = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(CHROMIUM)
                        .setHeadless(true)
                        .setArgs(List.of(
                                "--no-sandbox",
                                "--disable-gpu",
                                "--disable-quic",
                                "--no-first-run",
                                "--disable-background-networking",
                                "--disable-component-update",
                                "--disable-sync")));
    }

    /** A fresh browser profile, signed in by no one. */
    BrowserContext anonymous() {
        return chromium.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setBaseURL(baseUrl)
                .setLocale("en-US"));
    }

    /** A fresh browser profile signed in through the sign-in form. */
    Page signedIn(String user) {
        Page page = anonymous().newPage();
        page.navigate("/login");
        signIn(page, user, "demo");
        return page;
    }

    /** Fills in and sends the sign-in form the page shows. */
    static void signIn(Page page, String user, String password) {
        page.getByLabel("User name").fill(user);
        page.getByLabel("Password").fill(password);
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
        page.waitForLoadState();
    }

    /** Fails with every WCAG 2.1 A/AA violation axe-core finds on the page as it is now. */
    static void assertAccessible(Page page) {
        AxeResults results = new AxeBuilder(page)
                .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
                .analyze();
        List<Rule> violations = results.getViolations();
        assertThat(violations)
                .as(
                        "accessibility violations on %s: %s",
                        page.url(),
                        violations.stream()
                                .map(v -> v.getId() + " (" + v.getNodes().size() + "): " + v.getHelp())
                                .collect(Collectors.joining("; ")))
                .isEmpty();
    }

    @Override
    public void close() {
        chromium.close();
        playwright.close();
    }
}
