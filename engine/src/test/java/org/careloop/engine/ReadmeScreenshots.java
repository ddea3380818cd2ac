package org.careloop.engine;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.nio.file.Path;

/**
 * Takes the README's screenshots from a running demo (see {@code docs/screenshots.sh}): a patient's red-flag reply
 * answered on the phone simulator, the nurse's live task list, and the task page. Usage: {@code ReadmeScreenshots
 * <base url> <folder>}.
 */
public final class ReadmeScreenshots {

    private ReadmeScreenshots() {}

    public static void main(String[] args) {
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
            Locator phone = nurse.locator(".phone").first();
            phone.locator("input[name=body]").fill("I have chest pain and I feel short of breath");
            phone.locator("button[type=submit]").click();
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
        }
    }
}
