package org.careloop.engine;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shared H2 stack seen through Debian's Chromium: one browser per test class. */
abstract class BrowserStackTest extends H2StackTest {

    static Chromium browser;

    @BeforeAll
    static void openBrowser() {
        browser = new Chromium("http://localhost:" + PORT);
    }

    @AfterAll
    static void closeBrowser() {
        browser.close();
    }
}
