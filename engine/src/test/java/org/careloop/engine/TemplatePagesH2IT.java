package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;

/** The template pages in a real browser: the list and the editor, whose SMS length counts as one types. */
class TemplatePagesH2IT extends BrowserStackTest {

    @Test
    void theEditorCountsSegmentsAsOneTypesAndSwitchesToUcs2ForACharacterOutsideGsm7() {
        Page page = browser.signedIn("analyst");
        page.navigate("/templates/edit?template=help&language=vi&department=");
        var text = page.locator("#text");
        var segments = page.locator("#segments");

        text.fill("a".repeat(160));
        assertThat(segments.innerText()).isEqualTo("GSM-7 · 1 segment (160 of 160)");
        text.fill("a".repeat(161));
        assertThat(segments.innerText()).isEqualTo("GSM-7 · 2 segments (161 of 306)");
        text.fill("Hôm nay bạn cảm thấy thế nào?");
        assertThat(segments.innerText()).startsWith("UCS-2 · 1 segment");
        // placeholders count as the patient receives them: the organisation's name, not the braces
        text.fill("{organisation}");
        assertThat(segments.innerText()).isEqualTo("GSM-7 · 1 segment (19 of 160)");
        Chromium.assertAccessible(page);
    }

    @Test
    void theListShowsEachShippedTemplateWithItsLengthAndIsAccessible() {
        Page page = browser.signedIn("reviewer");
        page.navigate("/templates");

        assertThat(page.title()).isEqualTo("Message templates · CareLoop");
        var spanish = page.locator("#in-use tr[data-template='post-discharge-checkin-1'][data-language='es']");
        assertThat(spanish.locator(".segments").innerText())
                .as("á, é, ó are not GSM-7")
                .startsWith("UCS-2");
        assertThat(spanish.locator(".approved").innerText()).isEqualTo("shipped with the release");
        assertThat(page.locator("#in-use tr[data-template='help'][data-language='en'] .segments")
                        .innerText())
                .startsWith("GSM-7");
        assertThat(page.locator("nav a", new Page.LocatorOptions().setHasText("Message templates"))
                        .count())
                .isEqualTo(1);
        Chromium.assertAccessible(page);
    }
}
