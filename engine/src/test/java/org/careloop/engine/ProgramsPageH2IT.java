package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.careloop.rules.triage.ReplyTriage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The programs page in a real browser: what runs, for analysts and administrators; deploying from it, for admins. */
class ProgramsPageH2IT extends BrowserStackTest {

    @Autowired
    ReplyTriage triage;

    @Test
    void anAnalystSeesEveryProgramsVersionAndActiveInstancesAndEveryDecisionButCannotDeploy() {
        Page page = browser.signedIn("analyst");
        page.navigate("/admin/programs");

        assertThat(page.title()).isEqualTo("Programs and decisions · CareLoop");
        Locator postDischarge = page.locator("#programs tr[data-key='program-post-discharge']");
        var newest = repositoryVersion("program-post-discharge");
        assertThat(postDischarge.locator(".version").innerText()).isEqualTo(String.valueOf(newest));
        assertThat(postDischarge.locator(".active").innerText())
                .isEqualTo(String.valueOf(runtime.createProcessInstanceQuery()
                        .processDefinitionKey("program-post-discharge")
                        .active()
                        .count()));
        assertThat(postDischarge.getByRole(AriaRole.LINK).getAttribute("href"))
                .startsWith("/camunda/app/cockpit/default/#/process-definition/program-post-discharge:" + newest);
        assertThat(page.locator("#programs tbody tr").allInnerTexts())
                .anyMatch(row -> row.contains("program-appointment-reminder"))
                .anyMatch(row -> row.contains("program-chronic-checkin"))
                .anyMatch(row -> row.contains("program-care-gap"));
        assertThat(page.locator("#decisions tr[data-id='reply-triage']").innerText())
                .contains("DRL");
        assertThat(page.locator("#decisions tr[data-id='post-discharge-eligibility']")
                        .innerText())
                .contains("DMN");
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Deploy"))
                        .count())
                .isZero();
        Locator nav = page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"));
        assertThat(nav.getByRole(AriaRole.LINK).allInnerTexts())
                .contains("Programs")
                .doesNotContain("Tasks");
        Chromium.assertAccessible(page);
        page.context().close();
    }

    @Test
    void aNurseIsRefusedThePage() {
        Page page = browser.signedIn("nurse");
        var response = page.navigate("/admin/programs");

        assertThat(response.status()).isEqualTo(403);
        page.context().close();
    }

    @Test
    void anInvalidProcessModelUploadedByAnAdminIsRefusedWithTheParsersMessageAndTheRunningVersionStays() {
        int before = repositoryVersion("program-post-discharge");
        Page page = browser.signedIn("admin");
        page.navigate("/admin/programs");

        upload(page, "program-post-discharge.bpmn", "<definitions><process id='program-post-discharge'>");

        assertThat(page.locator(".flash.error").innerText()).startsWith("The model was not deployed");
        assertThat(page.locator("#problems li").count()).isPositive();
        assertThat(repositoryVersion("program-post-discharge")).isEqualTo(before);
        assertThat(page.locator("#programs tr[data-key='program-post-discharge'] .version")
                        .innerText())
                .isEqualTo(String.valueOf(before));
        Chromium.assertAccessible(page);
        page.context().close();
    }

    @Test
    void aChangedRuleSetUploadedByAnAdminDecidesTheNextReplyAndOneThatMissesARedFlagIsRefused() throws IOException {
        String shipped = classpath("org/careloop/rules/triage/reply-triage.drl");
        Page page = browser.signedIn("admin");
        page.navigate("/admin/programs");
        try {
            upload(page, "reply-triage.drl", shipped.replace("\"Reports feeling fine\"", "\"Says all is well\""));

            assertThat(page.locator(".flash.ok").innerText())
                    .contains("reply-triage version")
                    .contains("deployed");
            assertThat(page.locator("#decisions tr[data-id='reply-triage'] .in-use")
                            .innerText())
                    .startsWith("version ");
            assertThat(triage.triage("doing fine, thanks").reasons()).containsExactly("Says all is well");

            upload(
                    page,
                    "reply-triage.drl",
                    shipped.replace(
                            "severity == Severity.EMERGENCY || severity == Severity.URGENT, !negated",
                            "severity == Severity.URGENT, !negated"));

            assertThat(page.locator(".flash.error").innerText()).startsWith("The model was not deployed");
            assertThat(page.locator("#problems li").allInnerTexts())
                    .anyMatch(p -> p.startsWith("\"I have chest pain\" must be read as nurse-now"));
            assertThat(triage.triage("I have chest pain").team()).isEqualTo("nurse");
            assertThat(triage.triage("doing fine, thanks").reasons()).containsExactly("Says all is well");
            Chromium.assertAccessible(page);
        } finally {
            upload(page, "reply-triage.drl", shipped);
            page.context().close();
        }
        assertThat(triage.triage("doing fine, thanks").reasons()).containsExactly("Reports feeling fine");
    }

    private static void upload(Page page, String name, String content) {
        page.getByLabel("Model file")
                .setInputFiles(new FilePayload(name, "text/plain", content.getBytes(StandardCharsets.UTF_8)));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Deploy"))
                .click();
        page.waitForLoadState();
    }

    private int repositoryVersion(String key) {
        return repository()
                .createProcessDefinitionQuery()
                .processDefinitionKey(key)
                .latestVersion()
                .singleResult()
                .getVersion();
    }

    @Autowired
    private org.camunda.bpm.engine.RepositoryService repositoryService;

    private org.camunda.bpm.engine.RepositoryService repository() {
        return repositoryService;
    }

    private static String classpath(String path) throws IOException {
        try (InputStream in = ProgramsPageH2IT.class.getClassLoader().getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
