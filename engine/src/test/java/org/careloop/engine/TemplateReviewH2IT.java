package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.careloop.engine.outreach.ApprovedTemplates;
import org.careloop.engine.outreach.MessageTemplates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The review of patient message templates over HTTP, as analysts and clinical reviewers use it: a version is sent
 * only once a clinical reviewer other than its author approves it; a language without an approved text gets English
 * and an interpreter flag that staff see; approving a translation brings the patient's language to the next patient.
 */
class TemplateReviewH2IT extends H2StackTest {

    private static final String VI_CHECK_IN = "Xin chào từ {organisation}. Chúng tôi hỏi thăm sau khi bạn xuất viện. "
            + "Hôm nay bạn cảm thấy thế nào? Hãy trả lời vài chữ.";
    private static final String VI_INTRO = "Đây là dịch vụ nhắn tin tự động của {organisation}. Để nói chuyện với "
            + "một người, hãy gọi {helpLine}. Trả lời STOP để ngừng nhận tin.";

    @Autowired
    ApprovedTemplates approved;

    @Autowired
    MessageTemplates templates;

    @Autowired
    IdentityService identity;

    @AfterEach
    void retireWhatTheTestApproved() {
        // the stack is shared: leave only the shipped texts in use
        engineDb.update("update message_template_version set status = 'RETIRED' where status <> 'RETIRED'");
        approved.changed();
    }

    private String vietnamesePatient() {
        return patient(TestNumbers.unused("+1617556"), "vi", p -> {});
    }

    private String firstCheckInOf(String patientId) {
        firstCheckIn(enrolByDischarge(patientId, "post-discharge"));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> sent(patientId, "post-discharge-checkin-1").size() == 1);
        return sent(patientId, "post-discharge-checkin-1").get(0);
    }

    private String interpreterFlag(String patientId) {
        return engineDb.queryForObject(
                "select interpreter_language from outbound_message where patient_id = ? and template_id = ?",
                String.class,
                patientId,
                "post-discharge-checkin-1");
    }

    private String draftId(String templateId, String language) {
        return engineDb.queryForObject(
                "select id from message_template_version where template_id = ? and language = ? and status = 'DRAFT'",
                String.class,
                templateId,
                language);
    }

    private static String editPath(String templateId, String language) {
        return "/templates/edit?template=" + templateId + "&language=" + language + "&department=";
    }

    private void draft(Browser author, String templateId, String language, String text) {
        author.get(editPath(templateId, language));
        var saved = author.submit(
                "/templates/drafts",
                Map.of("template", templateId, "language", language, "department", "", "text", text));
        assertThat(saved.statusCode()).isEqualTo(302);
    }

    private int approve(Browser reviewer, String versionId) {
        reviewer.get("/templates");
        return reviewer.submit("/templates/versions/" + versionId + "/approve", Map.of())
                .statusCode();
    }

    @Test
    void aPatientWithoutAnApprovedTranslationGetsEnglishAndAnInterpreterFlagUntilAReviewerApprovesOne() {
        String first = vietnamesePatient();
        String english = templates.render("post-discharge-checkin-1", "en");
        assertThat(firstCheckInOf(first)).contains(english);
        assertThat(interpreterFlag(first)).isEqualTo("vi");

        Browser analyst = new Browser().signIn("analyst");
        assertThat(analyst.get(editPath("post-discharge-checkin-1", "vi")).body())
                .contains("No approved text in this language");
        draft(analyst, "post-discharge-checkin-1", "vi", VI_CHECK_IN);
        draft(analyst, "intro", "vi", VI_INTRO);
        // a draft is not sent, and an analyst cannot approve it
        assertThat(templates.render("post-discharge-checkin-1", "vi")).isEqualTo(english);
        assertThat(approve(analyst, draftId("intro", "vi"))).isEqualTo(403);

        Browser reviewer = new Browser().signIn("reviewer");
        assertThat(reviewer.get("/templates").body()).contains("Chúng tôi hỏi thăm");
        assertThat(approve(reviewer, draftId("post-discharge-checkin-1", "vi"))).isEqualTo(302);
        assertThat(approve(reviewer, draftId("intro", "vi"))).isEqualTo(302);

        String second = vietnamesePatient();
        String message = firstCheckInOf(second);
        assertThat(message).contains("Chúng tôi hỏi thăm sau khi bạn xuất viện").doesNotContain(english);
        assertThat(message).startsWith("Đây là dịch vụ nhắn tin tự động");
        assertThat(interpreterFlag(second)).isNull();
        assertThat(interpreterFlag(first)).as("what was sent stays as it was").isEqualTo("vi");
    }

    @Test
    void theNurseSeesOnTheTaskPageThatThePatientNeedsAnInterpreter() {
        String patientId = vietnamesePatient();
        firstCheckInOf(patientId);
        String mobile = firstContactOf(patientId);
        replyFrom(mobile, "I have chest pain");
        var task = awaitTask(patientId, "nurse");

        String page =
                new Browser().signIn("nurse").get("/tasks/" + task.getId()).body();

        assertThat(page).contains("Vietnamese").contains("needs an interpreter");
    }

    @Test
    void onlyAClinicalReviewerOtherThanTheAuthorApprovesAndEachStepIsRecorded() {
        if (identity.createUserQuery().userId("reviewer2").count() == 0) {
            var user = identity.newUser("reviewer2");
            user.setPassword("demo");
            identity.saveUser(user);
            identity.createMembership("reviewer2", "clinical-reviewer");
        }
        Browser reviewer = new Browser().signIn("reviewer");
        Browser other = new Browser().signIn("reviewer2");
        String help =
                "{organisation}: tin nhắn tự động. Để nói chuyện với một người, trả lời AGENT hoặc gọi {helpLine}.";

        draft(reviewer, "help", "vi", help);
        String v1 = draftId("help", "vi");
        reviewer.get("/templates");
        assertThat(reviewer.submit("/templates/versions/" + v1 + "/approve", Map.of())
                        .statusCode())
                .isEqualTo(302);
        assertThat(reviewer.get("/templates").body()).contains("other than its author");
        assertThat(status(v1)).isEqualTo("DRAFT");

        assertThat(approve(other, v1)).isEqualTo(302);
        assertThat(status(v1)).isEqualTo("APPROVED");
        assertThat(templates.render("help", "vi")).contains("tin nhắn tự động");

        draft(other, "help", "vi", help.replace("tin nhắn tự động", "tin nhắn tự động của bệnh viện"));
        String v2 = draftId("help", "vi");
        assertThat(approve(reviewer, v2)).isEqualTo(302);
        assertThat(engineDb.queryForMap(
                        "select status, retired_by, note from message_template_version where id = ?", v1))
                .containsEntry("STATUS", "RETIRED")
                .containsEntry("RETIRED_BY", "reviewer")
                .containsEntry("NOTE", "Replaced by version 2");
        assertThat(engineDb.queryForMap(
                        "select version, drafted_by, reviewed_by from message_template_version where id = ?", v2))
                .containsEntry("VERSION", 2)
                .containsEntry("DRAFTED_BY", "reviewer2")
                .containsEntry("REVIEWED_BY", "reviewer");
        assertThat(templates.render("help", "vi")).contains("của bệnh viện");

        // retired: the text before it is sent again (no Vietnamese left: English)
        reviewer.get(editPath("help", "vi"));
        assertThat(reviewer.submit("/templates/versions/" + v2 + "/retire", Map.of("note", "Wording under review"))
                        .statusCode())
                .isEqualTo(302);
        assertThat(templates.render("help", "vi")).isEqualTo(templates.render("help", "en"));
        assertThat(reviewer.get(editPath("help", "vi")).body()).contains("Wording under review");
    }

    @Test
    void aDraftWithAnUnknownPlaceholderOrNoTimeWhereTheEnglishHasOneIsRefusedAndNothingIsSaved() {
        Browser analyst = new Browser().signIn("analyst");
        int before = engineDb.queryForObject("select count(*) from message_template_version", Integer.class);

        draft(analyst, "help", "vi", "Xin chào {name}");
        assertThat(analyst.get(editPath("help", "vi")).body()).contains("Unknown placeholder {name}");
        String reminder = templates.ids().stream()
                .filter(id -> String.valueOf(templates.shipped("", "en", id)).contains("{when}"))
                .findFirst()
                .orElseThrow();
        draft(analyst, reminder, "vi", "Lịch hẹn của bạn sắp tới.");
        assertThat(analyst.get(editPath(reminder, "vi")).body()).contains("with {when}");
        // the frame of a clinician's own words must keep their place, or the patient would get the frame alone
        draft(analyst, "staff-written", "vi", "Tin nhắn từ nhóm chăm sóc của bạn.");
        assertThat(analyst.get(editPath("staff-written", "vi")).body()).contains("hold the clinician&#39;s words");
        analyst.get(editPath("help", "vi"));
        analyst.submit(
                "/templates/drafts",
                Map.of("template", "no-such-template", "language", "vi", "department", "", "text", "Xin chào"));
        assertThat(analyst.get("/templates").body()).contains("There is no template no-such-template");

        assertThat(engineDb.queryForObject("select count(*) from message_template_version", Integer.class))
                .isEqualTo(before);
    }

    @Test
    void theCareTeamIsRefusedTheTemplatePages() {
        assertThat(new Browser().signIn("nurse").get("/templates").statusCode()).isEqualTo(403);
        assertThat(new Browser().signIn("admin").get("/templates").statusCode()).isEqualTo(403);
        assertThat(new Browser().signIn("analyst").get("/templates").statusCode())
                .isEqualTo(200);
    }

    private String status(String versionId) {
        return engineDb.queryForObject(
                "select status from message_template_version where id = ?", String.class, versionId);
    }
}
