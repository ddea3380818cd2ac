package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.careloop.engine.conversation.ChatLinks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The web chat, in a real browser: a patient texts CHAT and gets a signed link; the page says it is automated and
 * how to reach a person, shows the conversation, takes a message that the rules read like a text (a red flag reaches
 * a nurse), and shows the answer without a reload. A link that ended or was altered opens nothing.
 */
class WebChatH2IT extends BrowserStackTest {

    private static final Pattern LINK = Pattern.compile("https?://[^\\s<]+/chat/[A-Za-z0-9_.-]+");

    @Autowired
    ChatLinks links;

    private String patientInAProgram(String mobile) {
        String patientId = patient(mobile, "en", p -> {});
        firstCheckIn(enrolByDischarge(patientId, "post-discharge"));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> sent(patientId, "post-discharge-checkin-1").size() == 1);
        return patientId;
    }

    @Test
    void aPatientWhoTextsChatGetsALinkWritesARedFlagThereAndReadsTheAnswerWithoutAReload() {
        String mobile = "+1617552" + (1000 + ThreadLocalRandom.current().nextInt(8999));
        String patientId = patientInAProgram(mobile);

        HttpResponse<String> answer = signedSms(incomingSms(newMessageSid(), mobile, "CHAT"));
        Matcher link = LINK.matcher(answer.body());
        assertThat(link.find()).as(answer.body()).isTrue();
        String path = link.group().replaceFirst("https?://[^/]+", "");

        Page page = browser.anonymous().newPage();
        page.navigate(path);
        assertThat(page.locator("#disclosure").innerText())
                .contains("automated messaging service of Springfield General")
                .contains("write AGENT");
        assertThat(page.locator("#conversation").innerText()).contains("How are you feeling today?");
        Chromium.assertAccessible(page);

        page.getByLabel("Your message").fill("I have chest pain and can't breathe");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send"))
                .click();

        assertThat(page.locator("#conversation li.patient").last().innerText()).contains("I have chest pain");
        awaitTask(patientId, "nurse");
        String emergencyAnswer = templates.render("ack-emergency", "en");
        // the answer comes to the chat, shown by the server's event without a reload
        page.locator("#conversation li:not(.patient)", new Page.LocatorOptions().setHasText("911"))
                .last()
                .waitFor(new com.microsoft.playwright.Locator.WaitForOptions().setTimeout(30_000));
        assertThat(engineDb.queryForObject(
                        "select channel from outbound_message where patient_id = ? and in_response_to is not null "
                                + "order by created_at desc fetch first 1 rows only",
                        String.class,
                        patientId))
                .isEqualTo("chat");
        assertThat(emergencyAnswer).contains("911");
    }

    @Test
    void aLinkThatEndedOrWasAlteredOpensNothing() {
        String patientId =
                patient("+1617552" + (1000 + ThreadLocalRandom.current().nextInt(8999)), "en", p -> {});
        String ended = links.token(patientId, Instant.now().minusSeconds(60));
        String valid = links.token(patientId);
        String altered = valid.substring(0, valid.length() - 2) + (valid.endsWith("A") ? "BB" : "AA");

        assertThat(new Browser().get("/chat/" + ended).statusCode()).isEqualTo(410);
        assertThat(new Browser().get("/chat/" + altered).statusCode()).isEqualTo(404);
        assertThat(new Browser().get("/chat/" + valid).statusCode()).isEqualTo(200);
        Browser stranger = new Browser();
        stranger.get("/chat/" + valid);
        assertThat(stranger.submit("/chat/" + ended + "/messages", Map.of("text", "hello"))
                        .statusCode())
                .isEqualTo(410);
        assertThat(engineDb.queryForObject(
                        "select count(*) from inbound_message where patient_id = ? and channel = 'chat'",
                        Integer.class,
                        patientId))
                .isZero();
    }

    @Autowired
    org.careloop.engine.outreach.MessageTemplates templates;
}
