package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.careloop.engine.chat.PatientIdentity;
import org.careloop.engine.outreach.ChatLinks;
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
        String mobile = TestNumbers.unused("+1617552");
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
        // nothing personal until the patient has confirmed who they are
        assertThat(page.locator("h1").innerText()).isEqualTo("Confirm it is you");
        assertThat(page.content()).doesNotContain("How are you feeling today?");
        Chromium.assertAccessible(page);
        confirmIdentity(page, patientId);

        assertThat(page.locator("#conversation").innerText()).contains("How are you feeling today?");
        assertThat(page.locator("#conversation").innerText())
                .as("the code is the patient's alone, not part of the conversation shown")
                .doesNotContainPattern("code is \\d{6}");
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

    /** The date of birth on file, then the code texted to the mobile on file, as the patient types them. */
    private void confirmIdentity(Page page, String patientId) {
        page.getByLabel("Your date of birth").fill("1958-04-02");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Text me a code"))
                .click();
        assertThat(page.locator(".flash.ok").innerText()).contains("We texted a code");
        Chromium.assertAccessible(page);
        page.getByLabel("The 6-digit code we texted you").fill(textedCode(patientId));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Confirm"))
                .click();
        page.waitForLoadState();
    }

    /** The newest code the provider was asked to text the patient. */
    private String textedCode(String patientId) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !sent(patientId, "identity-code").isEmpty());
        List<String> codes = sent(patientId, "identity-code");
        Matcher code = Pattern.compile("\\b(\\d{6})\\b").matcher(codes.get(codes.size() - 1));
        assertThat(code.find()).isTrue();
        return code.group(1);
    }

    @Test
    void wrongAnswersLockTheChatAndNothingCanBeReadOrWrittenWithoutConfirming() {
        String mobile = TestNumbers.unused("+1617552");
        String patientId = patientInAProgram(mobile);
        String token = links.token(patientId);
        Browser stranger = new Browser();
        assertThat(stranger.get("/chat/" + token).body()).contains("Confirm it is you");

        // writing or listening before confirming: refused, nothing stored
        assertThat(stranger.submit("/chat/" + token + "/messages", Map.of("text", "hello"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(stranger.get("/chat/" + token + "/events").statusCode()).isEqualTo(403);
        stranger.get("/chat/" + token);
        assertThat(stranger.submit("/chat/" + token + "/preference", Map.of("channel", "chat"))
                        .statusCode())
                .as("nor choose where the patient's messages go")
                .isEqualTo(403);
        stranger.get("/chat/" + token);
        assertThat(stranger.submit("/chat/" + token + "/identity/code", Map.of("code", "123456"))
                        .statusCode())
                .as("a code before the date of birth")
                .isEqualTo(302);

        // four wrong dates of birth, then the right one: a code goes out; then a wrong code locks the chat
        for (int i = 0; i < PatientIdentity.MAX_FAILURES - 1; i++) {
            stranger.get("/chat/" + token);
            stranger.submit("/chat/" + token + "/identity/birth-date", Map.of("birthDate", "1960-01-0" + (i + 1)));
        }
        assertThat(sent(patientId, "identity-code")).isEmpty();
        stranger.get("/chat/" + token);
        stranger.submit("/chat/" + token + "/identity/birth-date", Map.of("birthDate", "1958-04-02"));
        String code = textedCode(patientId);
        String wrong = code.equals("000000") ? "111111" : "000000";
        stranger.get("/chat/" + token);
        stranger.submit("/chat/" + token + "/identity/code", Map.of("code", wrong));
        assertThat(stranger.get("/chat/" + token).body()).contains("locked for 30 minutes");

        // locked: even the right code and the right date of birth are not checked, and no new code goes out
        stranger.submit("/chat/" + token + "/identity/birth-date", Map.of("birthDate", "1958-04-02"));
        assertThat(stranger.get("/chat/" + token).body())
                .contains("locked for 30 minutes")
                .doesNotContain("How are you feeling today?");
        assertThat(sent(patientId, "identity-code")).hasSize(1);
        assertThat(engineDb.queryForObject(
                        "select count(*) from identity_check where patient_id = ? and locked_until > ?",
                        Integer.class,
                        patientId,
                        java.sql.Timestamp.from(Instant.now())))
                .isEqualTo(1);
        // a new link does not lift the lock: it is the patient's, not the link's
        Browser other = new Browser();
        other.get("/chat/" + links.token(patientId));
        other.submit("/chat/" + links.token(patientId) + "/identity/birth-date", Map.of("birthDate", "1958-04-02"));
        assertThat(sent(patientId, "identity-code")).hasSize(1);
        assertThat(engineDb.queryForObject(
                        "select count(*) from inbound_message where patient_id = ? and channel = 'chat'",
                        Integer.class,
                        patientId))
                .isZero();
        assertThat(engineDb.queryForObject(
                        "select count(*) from identity_check where patient_id = ? and code_hash like ?",
                        Integer.class,
                        patientId,
                        "%" + code + "%"))
                .as("the code is kept only as a keyed hash")
                .isZero();
    }

    @Test
    void aLinkThatEndedOrWasAlteredOpensNothing() {
        String patientId = patient(TestNumbers.unused("+1617552"), "en", p -> {});
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

    @Autowired
    org.careloop.engine.outreach.OutreachService outreach;

    @Autowired
    org.careloop.forms.simulator.PhoneSimulator phones;

    /** The channel and state of the patient's message of a template. */
    private Map<String, Object> messageOf(String patientId, String templateId) {
        return engineDb.queryForMap(
                "select channel, status, status_detail from outbound_message where patient_id = ? and template_id = ?",
                patientId,
                templateId);
    }

    @Test
    void aPatientWhoAsksForTheirMessagesInTheChatGetsTheNextThereWithANoticeByTextAndOpeningTheChatReadsIt() {
        String mobile = TestNumbers.unused("+1617553");
        String patientId = patientInAProgram(mobile);
        Page page = browser.anonymous().newPage();
        page.navigate("/chat/" + links.token(patientId));
        confirmIdentity(page, patientId);

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Get my messages in this chat"))
                .click();
        assertThat(page.locator(".flash.ok").innerText())
                .startsWith("Your care team's messages will come to this chat.");
        Chromium.assertAccessible(page);

        assertThat(outreach.send(new org.careloop.engine.outreach.OutreachRequest(
                        patientId, "post-discharge-checkin-7", null, null, null, null, null)))
                .isEqualTo(org.careloop.engine.outreach.OutreachService.Result.QUEUED);

        await().atMost(Duration.ofSeconds(60))
                .until(() -> sent(patientId, "chat-notice").size() == 1);
        String notice = sent(patientId, "chat-notice").get(0);
        assertThat(notice)
                .as("the notice says a message waits, with a link, and nothing of the message")
                .contains("You have a new message from Springfield General in your secure chat")
                .doesNotContain("week since you left the hospital");
        assertThat(LINK.matcher(notice).find()).isTrue();
        assertThat(messageOf(patientId, "post-discharge-checkin-7"))
                .containsEntry("CHANNEL", "chat")
                .containsEntry("STATUS", "SENT");
        assertThat(phones.phones().stream()
                        .filter(phone -> phone.number().equals(mobile))
                        .flatMap(phone -> phone.texts().stream())
                        .map(org.careloop.forms.simulator.PhoneSimulator.Text::body))
                .as("the phone got the notice, not the message")
                .anyMatch(text -> text.contains("in your secure chat"))
                .noneMatch(text -> text.contains("week since you left the hospital"));

        page.reload();
        assertThat(page.locator("#conversation").innerText())
                .contains("week since you left the hospital")
                .as("the notice is about the chat, not part of it")
                .doesNotContain("in your secure chat");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "DELIVERED"
                        .equals(messageOf(patientId, "post-discharge-checkin-7").get("STATUS")));
        assertThat(messageOf(patientId, "post-discharge-checkin-7"))
                .containsEntry("STATUS_DETAIL", "Read in the web chat");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Get my messages by text or email again"))
                .click();
        assertThat(page.locator(".flash.ok").innerText())
                .isEqualTo("Your care team's messages will come by text or email again.");
        outreach.send(new org.careloop.engine.outreach.OutreachRequest(
                patientId, "post-discharge-reminder-7", null, null, null, null, null));
        assertThat(messageOf(patientId, "post-discharge-reminder-7")).containsEntry("CHANNEL", "sms");
        page.context().close();
    }
}
