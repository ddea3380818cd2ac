package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.time.Duration;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.junit.jupiter.api.Test;

/**
 * The task page to act from: it marks the message that raised the task, shows who the patient is (date of birth,
 * record number, a phone link, program and day) and the patient's other open tasks of any team, and lets the holder
 * send the patient an approved message, which goes out like every message and is noted on the FHIR Task.
 */
class TaskPageH2IT extends BrowserStackTest {

    @Test
    void theHolderSeesWhatRaisedTheTaskAndTheOtherTeamsTasksAndMessagesThePatientFromIt() {
        String mobile = TestNumbers.unused("+1617561");
        String mrn = "MRN" + System.nanoTime() % 1000000;
        String patientId = patient(
                mobile,
                "en",
                p -> p.addIdentifier()
                        .setType(new CodeableConcept(
                                new Coding("http://terminology.hl7.org/CodeSystem/v2-0203", "MR", null)))
                        .setValue(mrn));
        firstCheckIn(enrolByDischarge(patientId, "post-discharge"));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> sent(patientId, "post-discharge-checkin-1").size() == 1);
        replyFrom(mobile, "I have chest pain");
        String nurseTask = awaitTask(patientId, "nurse").getId();
        replyFrom(mobile, "AGENT");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> tasks.createTaskQuery()
                                .processVariableValueEquals("patientId", patientId)
                                .count()
                        == 2);

        Page page = browser.signedIn("nurse");
        page.navigate("/tasks/" + nurseTask);

        Locator trigger = page.locator("ul.transcript li.trigger");
        assertThat(trigger.count()).isEqualTo(1);
        assertThat(trigger.innerText()).contains("Raised this task").contains("I have chest pain");
        assertThat(page.locator("a[href='tel:" + mobile + "']").count()).isEqualTo(1);
        assertThat(page.locator("#patient").innerText())
                .contains(mrn)
                .contains("1958-04-02")
                .contains("post-discharge, day 1");
        Locator others = page.locator("#other-tasks li");
        assertThat(others.count()).isEqualTo(1);
        assertThat(others.innerText()).contains("care-coordinator").contains("not claimed yet");
        assertThat(page.locator("#reply").count())
                .as("only the holder messages the patient")
                .isZero();

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Claim"))
                .click();
        page.getByLabel("A member of your care team will call you soon", new Page.GetByLabelOptions())
                .check();
        Chromium.assertAccessible(page);
        page.locator("#reply")
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Send"))
                .click();

        assertThat(page.locator(".flash.ok").innerText()).isEqualTo("Your message is on its way to the patient.");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> sent(patientId, "staff-will-call").size() == 1);
        assertThat(engineDb
                        .queryForList(
                                "select i.body from outbound_message o join inbound_message i on i.id = o.in_response_to "
                                        + "where o.patient_id = ? and o.template_id = 'staff-will-call'",
                                String.class,
                                patientId)
                        .stream()
                        .map(body -> cipher.open(body, org.careloop.engine.crypto.PhiCipher.INBOUND_BODY)))
                .as("an answer to the message that raised the task")
                .containsExactly("I have chest pain");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> daos
                        .getResourceDao(org.hl7.fhir.r4.model.Task.class)
                        .read(new IdType("Task", "handoff-" + nurseTask), new SystemRequestDetails())
                        .getNote()
                        .stream()
                        .anyMatch(n -> n.getText().startsWith("Messaged the patient: A member of your care team")));
        page.reload();
        assertThat(page.locator("ul.transcript").innerText()).contains("will call you soon");
        page.context().close();
    }

    @Test
    void aNurseWritesToTheSpanishSpeakingPatientInHerOwnWordsInTheApprovedFrameAndACoordinatorSendsApprovedOnesOnly() {
        String mobile = TestNumbers.unused("+1617562");
        String patientId = patient(mobile, "es", p -> {});
        firstCheckIn(enrolByDischarge(patientId, "post-discharge"));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> sent(patientId, "post-discharge-checkin-1").size() == 1);
        replyFrom(mobile, "tengo dolor en el pecho");
        String nurseTask = awaitTask(patientId, "nurse").getId();
        replyFrom(mobile, "AGENTE");
        String coordinatorTask = awaitTask(patientId, "care-coordinator").getId();

        Page page = browser.signedIn("nurse");
        page.navigate("/tasks/" + nurseTask);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Claim"))
                .click();
        Locator write = page.locator("#write");
        assertThat(write.innerText())
                .contains("They receive: Un mensaje de su equipo de atención de Springfield General, escrito por una "
                        + "persona: {words}")
                .contains("The patient prefers Spanish");
        // typed text is kept after a refusal (here, too long once the browser's own limit is lifted)
        page.locator("#words").evaluate("box => { box.removeAttribute('maxlength'); box.value = 'x'.repeat(401); }");
        write.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Send my words"))
                .click();
        assertThat(page.locator(".flash.error").innerText()).isEqualTo("Your message is at most 400 characters");
        assertThat(page.locator("#words").inputValue()).hasSize(401);

        page.locator("#words").fill("Tome la pastilla con comida. Le llamo a las 3.");
        // the counter's script runs once the page has loaded, which may be after the text was typed
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("#words-count"))
                .hasText("354 characters left of 400.");
        Chromium.assertAccessible(page);
        page.locator("#write")
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Send my words"))
                .click();

        assertThat(page.locator(".flash.ok").innerText()).isEqualTo("Your message is on its way to the patient.");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> sent(patientId, "staff-written").size() == 1);
        assertThat(cipher.open(
                        engineDb.queryForObject(
                                "select body from outbound_message where patient_id = ? and template_id = 'staff-written'",
                                String.class,
                                patientId),
                        org.careloop.engine.crypto.PhiCipher.OUTBOUND_BODY))
                .startsWith("Un mensaje de su equipo de atención de Springfield General, escrito por una persona: Tome "
                        + "la pastilla con comida. Le llamo a las 3. Para hablar con una persona, llame al ")
                .endsWith(". Si es una emergencia, llame al 911.");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> daos
                        .getResourceDao(org.hl7.fhir.r4.model.Task.class)
                        .read(new IdType("Task", "handoff-" + nurseTask), new SystemRequestDetails())
                        .getNote()
                        .stream()
                        .anyMatch(n -> n.getText().contains("Tome la pastilla con comida")));
        page.context().close();

        Page coordinator = browser.signedIn("coordinator");
        coordinator.navigate("/tasks/" + coordinatorTask);
        coordinator
                .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Claim"))
                .click();
        assertThat(coordinator.locator("#reply").count())
                .as("approved messages")
                .isEqualTo(1);
        assertThat(coordinator.locator("#write").count())
                .as("but no words of her own")
                .isZero();
        coordinator.context().close();
        var direct = new Browser().signIn("coordinator");
        direct.get("/tasks/" + coordinatorTask);
        direct.submit("/tasks/" + coordinatorTask + "/write", java.util.Map.of("words", "Hola"));
        assertThat(sent(patientId, "staff-written"))
                .as("her role may not write, asked directly either")
                .hasSize(1);
    }
}
