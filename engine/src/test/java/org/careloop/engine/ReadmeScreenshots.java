package org.careloop.engine;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Takes the README's screenshots from a running demo (see {@code docs/screenshots.sh}): a patient's red-flag reply
 * answered on the phone simulator, the nurse's live task list, the task page, and the programs page after a changed
 * program was uploaded. Usage: {@code ReadmeScreenshots
 * <base url> <folder>}.
 */
public final class ReadmeScreenshots {

    private ReadmeScreenshots() {}

    public static void main(String[] args) throws java.io.IOException {
        String base = args[0];
        Path folder = Path.of(args[1]);
        try (Chromium chromium = new Chromium(base)) {
            Page nurse = chromium.signedIn("nurse");
            nurse.setViewportSize(1280, 860);
            // the demo's first check-in goes out about 20 s after start
            for (int i = 0; i < 90 && nurse.locator(".phone").count() == 0; i++) {
                nurse.waitForTimeout(1000);
                nurse.navigate("/simulator");
            }
            // a phone that texts (the demo's landline patient is on a call)
            Locator phone = nurse.locator(".phone:has(input[name=body])").first();
            phone.locator("input[name=body]").fill("I have chest pain and I feel short of breath");
            phone.getByRole(
                            com.microsoft.playwright.options.AriaRole.BUTTON,
                            new Locator.GetByRoleOptions().setName("Send reply"))
                    .click();
            nurse.navigate("/tasks");
            nurse.locator("tr.task-row").first().waitFor(new Locator.WaitForOptions().setTimeout(60_000));
            nurse.screenshot(new Page.ScreenshotOptions().setPath(folder.resolve("worklist.png")));
            nurse.locator("tr.task-row a").first().click();
            nurse.getByRole(
                            com.microsoft.playwright.options.AriaRole.BUTTON,
                            new Page.GetByRoleOptions().setName("Claim"))
                    .click();
            nurse.screenshot(new Page.ScreenshotOptions()
                    .setPath(folder.resolve("task-page.png"))
                    .setFullPage(true));
            // where a changed program is uploaded and its versions are listed
            Page admin = chromium.signedIn("admin");
            admin.setViewportSize(1280, 860);
            admin.navigate("/admin/programs");
            // the post-discharge program with its first check-in moved from 24 to 48 hours after discharge, as an
            // analyst saves it from the Modeler
            Path changed = Files.createTempDirectory("careloop-model").resolve("program-post-discharge.bpmn");
            Files.writeString(
                    changed,
                    Files.readString(Path.of("processes/src/main/resources/bpmn/program-post-discharge.bpmn"))
                            .replace("'PT24H'", "'PT48H'"));
            admin.locator("#model").setInputFiles(changed);
            admin.getByRole(
                            com.microsoft.playwright.options.AriaRole.BUTTON,
                            new Page.GetByRoleOptions().setName("Deploy"))
                    .click();
            admin.waitForLoadState();
            admin.screenshot(new Page.ScreenshotOptions().setPath(folder.resolve("programs-page.png")));
        }
    }
}
