package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.time.Duration;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;

/** The task list as a nurse reads it: what raised each task, how long it has waited against its target, and the count. */
class TaskListH2IT extends BrowserStackTest {

    @Test
    void eachRowShowsTheMessageThatRaisedItAndHowLongItWaitedAgainstItsTargetAndTheTitleCountsUrgentTasks() {
        String taskId = chestPainHandoff();
        Page page = browser.signedIn("nurse");
        page.navigate("/tasks");

        Locator row = page.locator("tr.task-row")
                .filter(new Locator.FilterOptions().setHas(page.locator("a[href='/tasks/" + taskId + "']")));
        assertThat(row.locator("q.snippet").innerText()).isEqualTo("I have chest pain");
        assertThat(row.locator("td.waiting").innerText()).matches("\\d+ min");
        assertThat(row.locator("td.waiting.overdue").count()).isZero();
        long urgent = page.locator("tr.task-row .badge.Emergency, tr.task-row .badge.Urgent")
                .count();
        assertThat(urgent).isPositive();
        assertThat(page.title()).isEqualTo("(" + urgent + ") Tasks · CareLoop");
        Chromium.assertAccessible(page);

        // ten minutes later, an emergency has waited past its five
        ClockUtil.setCurrentTime(Date.from(ClockUtil.now().toInstant().plus(Duration.ofMinutes(10))));
        try {
            page.reload();
            assertThat(row.locator("td.waiting.overdue").count()).isEqualTo(1);
            assertThat(row.locator("td.waiting").innerText())
                    .startsWith("10 min")
                    .contains("overdue");
        } finally {
            ClockUtil.reset();
        }
        page.context().close();
    }

    @Test
    void aNurseNarrowsTheListByPatientUrgencyAndHolderAndSortsIt() {
        String family = "Quill" + System.nanoTime() % 100000;
        String emergency = handoff(family, "I have chest pain");
        String urgent = handoff(family, "I ran out of my meds");
        claim(urgent, "nurse");
        Page page = browser.signedIn("nurse");
        page.navigate("/tasks");

        page.getByLabel("Patient", new Page.GetByLabelOptions().setExact(true)).fill(family);
        page.getByRole(
                        com.microsoft.playwright.options.AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Show").setExact(true))
                .click();
        page.waitForLoadState();
        assertThat(rows(page)).containsExactlyInAnyOrder(emergency, urgent);
        Chromium.assertAccessible(page);

        page.navigate("/tasks?q=" + family + "&urgency=Emergency");
        assertThat(rows(page)).containsExactly(emergency);
        assertThat(page.getByLabel("Urgency").inputValue()).isEqualTo("Emergency");

        page.navigate("/tasks?q=" + family + "&who=mine");
        assertThat(rows(page)).containsExactly(urgent);
        page.navigate("/tasks?q=" + family + "&who=unclaimed");
        assertThat(rows(page)).containsExactly(emergency);

        page.navigate("/tasks?q=" + family + "&sort=waiting");
        assertThat(rows(page)).containsExactly(emergency, urgent);
        page.context().close();
    }

    @Test
    void aNewEmergencyAppearsWithoutAReloadWithABannerAndASoundTheNurseCanTurnOff() {
        String family = "Live" + System.nanoTime() % 100000;
        Page page = browser.signedIn("nurse");
        page.navigate("/tasks?q=" + family);
        assertThat(rows(page)).isEmpty();
        Locator banner = page.locator("#worklist-alert");
        assertThat(banner.isHidden()).isTrue();
        page.waitForFunction("document.getElementById('worklist-status').textContent === 'Live'");
        page.locator("h1").click(); // a click lets the page sound

        String first = handoff(family, "I have chest pain");

        page.locator("tr[data-task-id='" + first + "']").waitFor(new Locator.WaitForOptions().setTimeout(20_000));
        assertThat(banner.isVisible()).isTrue();
        assertThat(banner.innerText()).contains("New emergency task").contains(family);
        assertThat(banner.getAttribute("data-sound")).isEqualTo("played");
        assertThat(page.title()).matches("\\(\\d+\\) Tasks · CareLoop");
        Chromium.assertAccessible(page);
        banner.getByRole(
                        com.microsoft.playwright.options.AriaRole.BUTTON,
                        new Locator.GetByRoleOptions().setName("Dismiss"))
                .click();
        assertThat(banner.isHidden()).isTrue();

        page.getByLabel("Sound for new emergency tasks").uncheck();
        String second = handoff(family, "I can't breathe");
        page.locator("tr[data-task-id='" + second + "']").waitFor(new Locator.WaitForOptions().setTimeout(20_000));
        assertThat(banner.isVisible()).isTrue();
        assertThat(banner.getAttribute("data-sound")).isEqualTo("off");
        assertThat(rows(page)).containsExactlyInAnyOrder(first, second);

        page.reload();
        assertThat(page.getByLabel("Sound for new emergency tasks").isChecked()).isFalse();
        page.context().close();
    }

    @Test
    void aPatientsOpenTasksShareOneRowThatExpands() {
        String family = "Group" + System.nanoTime() % 100000;
        String mobile = TestNumbers.unused("+1617562");
        String patientId = patient(mobile, "en", p -> p.getNameFirstRep().setFamily(family));
        firstCheckIn(enrolByDischarge(patientId, "post-discharge"));
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(() -> sent(patientId, "post-discharge-checkin-1").size() == 1);
        replyFrom(mobile, "I have chest pain");
        awaitTask(patientId, "nurse");
        replyFrom(mobile, "I fainted this morning");
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(() -> tasks.createTaskQuery()
                                .processVariableValueEquals("patientId", patientId)
                                .taskCandidateGroup("nurse")
                                .count()
                        == 2);
        Page page = browser.signedIn("nurse");
        page.navigate("/tasks?q=" + family);

        assertThat(rows(page)).hasSize(2);
        assertThat(page.locator("tr.task-row:visible").count()).isEqualTo(1);
        Locator toggle = page.locator("button.group-toggle");
        assertThat(toggle.innerText()).isEqualTo("Show 1 more for this patient");
        assertThat(toggle.getAttribute("aria-expanded")).isEqualTo("false");
        Chromium.assertAccessible(page);

        toggle.click();

        assertThat(page.locator("tr.task-row:visible").count()).isEqualTo(2);
        assertThat(toggle.getAttribute("aria-expanded")).isEqualTo("true");
        assertThat(toggle.innerText()).isEqualTo("Hide 1 more for this patient");
        page.context().close();
    }

    private static java.util.List<String> rows(Page page) {
        return page.locator("tr.task-row td a").all().stream()
                .map(a -> a.getAttribute("href").substring("/tasks/".length()))
                .toList();
    }
}
