package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import java.time.Duration;
import java.util.Map;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.IdType;
import org.junit.jupiter.api.Test;

/**
 * The claim model, as in Camunda Tasklist: claim, give back, hand to a colleague of the same team and department,
 * complete only when held; every change recorded with who and when, and mirrored on the FHIR Task.
 */
class ClaimModelH2IT extends BrowserStackTest {

    private static Page.GetByRoleOptions named(String name) {
        return new Page.GetByRoleOptions().setName(name);
    }

    private org.hl7.fhir.r4.model.Task mirrored(String taskId) {
        return daos.getResourceDao(org.hl7.fhir.r4.model.Task.class)
                .read(new IdType("Task", "handoff-" + taskId), new SystemRequestDetails());
    }

    @Test
    void aNurseClaimsHandsTheTaskToAColleagueWhoCompletesItAndTheFhirTaskTellsWhoDidWhat() {
        String taskId = chestPainHandoff();
        String team = tasks.getIdentityLinksForTask(taskId).stream()
                .filter(link -> "candidate".equals(link.getType()))
                .map(org.camunda.bpm.engine.task.IdentityLink::getGroupId)
                .findFirst()
                .orElseThrow();

        Page nurse = browser.signedIn("nurse");
        nurse.navigate("/tasks/" + taskId);
        assertThat(nurse.getByRole(AriaRole.BUTTON, named("Complete")).count()).isZero();
        nurse.getByRole(AriaRole.BUTTON, named("Claim")).click();
        nurse.waitForLoadState();

        assertThat(nurse.locator("#holder").innerText()).isEqualTo("You hold this task.");
        assertThat(nurse.getByRole(AriaRole.BUTTON, named("Claim")).count()).isZero();
        assertThat(nurse.getByLabel("Hand to a colleague").locator("option").allInnerTexts())
                .contains("nurse2")
                .doesNotContain("heart-nurse", "nurse", "coordinator");
        Chromium.assertAccessible(nurse);
        nurse.getByLabel("Hand to a colleague").selectOption(new SelectOption().setValue("nurse2"));
        nurse.getByRole(AriaRole.BUTTON, named("Hand over")).click();
        nurse.waitForLoadState();
        assertThat(tasks.createTaskQuery().taskId(taskId).singleResult().getAssignee())
                .isEqualTo("nurse2");

        nurse.navigate("/tasks/" + taskId);
        assertThat(nurse.locator("#holder").innerText()).isEqualTo("Held by nurse2: only they can complete it.");
        assertThat(nurse.getByRole(AriaRole.BUTTON, named("Complete")).count()).isZero();
        nurse.context().close();

        Page colleague = browser.signedIn("nurse2");
        colleague.navigate("/tasks/" + taskId);
        colleague.getByLabel("Outcome").selectOption(new SelectOption().setValue("advised-to-seek-care"));
        colleague.getByLabel("Note (optional)").fill("Called her; she is on her way to the emergency department.");
        colleague.getByRole(AriaRole.BUTTON, named("Complete")).click();
        colleague.waitForLoadState();
        colleague.context().close();

        await().atMost(Duration.ofSeconds(30))
                .until(() -> "completed".equals(mirrored(taskId).getStatus().toCode()));
        org.hl7.fhir.r4.model.Task task = mirrored(taskId);
        assertThat(task.getOwner().getDisplay()).isEqualTo("nurse2");
        assertThat(task.getNote())
                .extracting(n -> n.getAuthorReference().getDisplay() + ": " + n.getText())
                .containsExactly(
                        "nurse: Claimed",
                        "nurse: Handed it to nurse2",
                        "nurse2: Completed: Advised to seek care. Called her; she is on her way to the emergency "
                                + "department.");
        assertThat(task.getNote()).allMatch(Annotation::hasTime);

        // finished work stays findable: in the done list, and its page opens read-only
        Page later = browser.signedIn("nurse");
        later.navigate("/tasks/done");
        var row = later.locator("tr.done-row[data-task='" + taskId + "']");
        assertThat(row.locator("td").allInnerTexts()).contains("Advised to seek care", "nurse2");
        Chromium.assertAccessible(later);
        later.navigate("/tasks/" + taskId);
        assertThat(later.locator("#note").innerText())
                .isEqualTo("Called her; she is on her way to the emergency department.");
        assertThat(later.locator("#by").innerText()).isEqualTo("nurse2");
        assertThat(later.locator("#team").innerText())
                .as("the team it was offered to")
                .isEqualTo(team);
        assertThat(later.getByRole(AriaRole.BUTTON).count()).as("read-only").isEqualTo(1); // sign out only
        Chromium.assertAccessible(later);
        later.context().close();
    }

    @Test
    void nobodyCompletesATaskTheyDoNotHoldNorGivesBackOrHandsOnAnotherOnes() {
        String taskId = chestPainHandoff();
        IntegrationSupport.Browser nurse = new Browser().signIn("nurse");
        nurse.get("/tasks/" + taskId);

        var refused = nurse.submit("/tasks/" + taskId + "/complete", Map.of("outcome", "resolved"));

        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(nurse.get("/tasks/" + taskId).body()).contains("Claim this handoff first.");
        assertThat(tasks.createTaskQuery().taskId(taskId).count()).isEqualTo(1);

        claim(taskId, "nurse2");
        nurse.get("/tasks/" + taskId);
        nurse.submit("/tasks/" + taskId + "/unclaim", Map.of());
        assertThat(nurse.get("/tasks/" + taskId).body()).contains("This handoff is held by nurse2.");
        nurse.submit("/tasks/" + taskId + "/reassign", Map.of("colleague", "nurse"));
        assertThat(tasks.createTaskQuery().taskId(taskId).singleResult().getAssignee())
                .isEqualTo("nurse2");
    }
}
