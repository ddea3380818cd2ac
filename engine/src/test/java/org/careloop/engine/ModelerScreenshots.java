package org.careloop.engine;

import com.microsoft.playwright.Page;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The README's pictures of an analyst editing a program (see {@code docs/modeler.sh}): the post-discharge program
 * opened on the modeling canvas and properties panel Camunda Modeler is built from (bpmn-js), and the first
 * check-in's timer selected with its expression in the panel. Usage: {@code ModelerScreenshots <docs/modeler folder>
 * <bpmn file> <output folder>}.
 */
public final class ModelerScreenshots {

    private ModelerScreenshots() {}

    public static void main(String[] args) throws IOException {
        Path page = Path.of(args[0]).toAbsolutePath().resolve("index.html");
        String xml = Files.readString(Path.of(args[1]));
        Path out = Path.of(args[2]);
        try (Chromium chromium = new Chromium(page.getParent().toUri().toString())) {
            Page modeler = chromium.anonymous().newPage();
            modeler.setViewportSize(1400, 760);
            modeler.navigate(page.toUri().toString());
            modeler.evaluate("xml => window.openModel(xml, null)", xml);
            modeler.waitForTimeout(500);
            modeler.screenshot(new Page.ScreenshotOptions().setPath(out.resolve("modeler-program.png")));

            modeler.navigate(page.toUri().toString());
            modeler.evaluate("xml => window.openModel(xml, 'waitForFirstCheckIn')", xml);
            modeler.waitForTimeout(500);
            // open the panel's Timer group, where the analyst edits the offset
            modeler.locator(
                            "#properties .bio-properties-panel-group-header",
                            new Page.LocatorOptions().setHasText("Timer"))
                    .first()
                    .click();
            modeler.waitForTimeout(300);
            modeler.screenshot(new Page.ScreenshotOptions().setPath(out.resolve("modeler-timer.png")));
        }
    }
}
