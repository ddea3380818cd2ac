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
}
