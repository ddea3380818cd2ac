package org.careloop.processes;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.repositoryService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every path of the pre-procedure preparation: instructions a week before, a scheduler's call when nothing is
 * confirmed two days before, the preparation reminder the day before, and the EHR's reschedule and cancellation.
 */
class PreProcedureProgramTest {

    private static final String START = "2026-03-20T13:00:00Z";

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessEngineExtension.builder()
            .useProcessEngine(ProcessTestSupport.ENGINE)
            .build();

    private Deployment deployment;
    private final List<String> sent = new ArrayList<>();
    private final List<String> outcomes = new ArrayList<>();

    @BeforeEach
    void deploy() {
        ProcessTestSupport.registerQuietMocks();
        Mocks.register("sendMessageDelegate", (JavaDelegate) e -> sent.add((String) e.getVariable("templateId")));
        Mocks.register("appointmentUpdateDelegate", (JavaDelegate) e -> {});
        Mocks.register("appointmentReplyDelegate", (JavaDelegate) e -> {});
        Mocks.register("appointmentOutcomeDelegate", (JavaDelegate)
                e -> outcomes.add((String) e.getVariable("appointmentOutcome")));
        deployment = repositoryService()
                .createDeployment()
                .addClasspathResource("bpmn/program-pre-procedure.bpmn")
                .deploy();
    }

    @AfterEach
    void undeploy() {
        repositoryService().deleteDeployment(deployment.getId(), true);
        Mocks.reset();
        ClockUtil.reset();
    }

    private ProcessInstance booked() {
        ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-03-01T09:00:00Z")));
        return runtimeService()
                .startProcessInstanceByKey(
                        "program-pre-procedure",
                        "pre-procedure:a1",
                        withVariables(
                                "patientId", "p1",
                                "appointmentId", "a1",
                                "appointmentStart", START,
                                "appointmentConfirmed", false,
                                "program", "pre-procedure"));
    }

    /** Fires the earliest timer at its due time, then every job that follows from it. */
    private Instant nextTimer(ProcessInstance instance) {
        Job timer = jobQuery().processInstanceId(instance.getId()).timers().list().stream()
                .min(Comparator.comparing(Job::getDuedate))
                .orElseThrow();
        ClockUtil.setCurrentTime(timer.getDuedate());
        execute(timer);
        for (Job job = ProcessTestSupport.messageJob(instance);
                job != null;
                job = ProcessTestSupport.messageJob(instance)) {
            execute(job);
        }
        return timer.getDuedate().toInstant();
    }

    @Test
    void aConfirmedPatientGetsInstructionsAWeekBeforeAndThePreparationReminderTheDayBefore() {
        ProcessInstance instance = booked();

        org.assertj.core.api.Assertions.assertThat(nextTimer(instance))
                .isEqualTo(Instant.parse("2026-03-13T13:00:00Z"));
        org.assertj.core.api.Assertions.assertThat(sent).containsExactly("procedure-instructions");
        runtimeService().setVariable(instance.getId(), "appointmentConfirmed", true);
        org.assertj.core.api.Assertions.assertThat(nextTimer(instance))
                .isEqualTo(Instant.parse("2026-03-18T13:00:00Z"));
        assertThat(instance).hasNotPassed("callAboutConfirmation");
        org.assertj.core.api.Assertions.assertThat(nextTimer(instance))
                .isEqualTo(Instant.parse("2026-03-19T13:00:00Z"));
        org.assertj.core.api.Assertions.assertThat(sent)
                .containsExactly("procedure-instructions", "procedure-preparation");
        runtimeService()
                .createMessageCorrelation("AppointmentKept")
                .processInstanceId(instance.getId())
                .correlate();
        execute(ProcessTestSupport.messageJob(instance));

        assertThat(instance).isEnded();
        org.assertj.core.api.Assertions.assertThat(outcomes).containsExactly("kept");
    }

    @Test
    void withoutAConfirmationTwoDaysBeforeASchedulerCallsAndThePreparationReminderStillGoesOut() {
        ProcessInstance instance = booked();
        nextTimer(instance);

        nextTimer(instance);

        assertThat(instance).isWaitingAt("callAboutConfirmation", "waitPreparation");
        assertThat(task(instance)).hasCandidateGroup("scheduler");
        org.assertj.core.api.Assertions.assertThat(task(instance).getPriority()).isEqualTo(80);
        org.assertj.core.api.Assertions.assertThat(
                        taskService().getVariable(task(instance).getId(), "handoffReason"))
                .asString()
                .contains("consent form");
        nextTimer(instance);
        org.assertj.core.api.Assertions.assertThat(sent).endsWith("procedure-preparation");
        complete(task(instance));
        assertThat(instance).hasPassed("callDone").isWaitingAt("waitAppointmentPassed");
    }

    @Test
    void aCallNobodyMadeEndsWhenTheProcedureTimeArrives() {
        ProcessInstance instance = booked();
        nextTimer(instance);
        nextTimer(instance);
        nextTimer(instance);

        org.assertj.core.api.Assertions.assertThat(nextTimer(instance)).isEqualTo(Instant.parse(START));

        assertThat(instance).hasPassed("callNotNeeded").isWaitingAt("waitAppointmentPassed");
    }

    @Test
    void aRescheduleInTheEhrStartsThePreparationOverForTheNewDate() {
        ProcessInstance instance = booked();
        nextTimer(instance);

        runtimeService()
                .createMessageCorrelation("AppointmentRescheduled")
                .processInstanceId(instance.getId())
                .setVariable("appointmentStart", "2026-04-20T13:00:00Z")
                .correlate();

        assertThat(instance).hasPassed("rescheduled").isWaitingAt("waitInstructions");
        org.assertj.core.api.Assertions.assertThat(nextTimer(instance))
                .isEqualTo(Instant.parse("2026-04-13T13:00:00Z"));
    }

    @Test
    void aCancellationInTheEhrEndsThePreparation() {
        ProcessInstance instance = booked();
        nextTimer(instance);
        nextTimer(instance);

        runtimeService()
                .createMessageCorrelation("AppointmentCancelled")
                .processInstanceId(instance.getId())
                .correlate();
        execute(ProcessTestSupport.messageJob(instance));

        assertThat(instance).isEnded().hasPassed("cancelled");
        org.assertj.core.api.Assertions.assertThat(outcomes).containsExactly("cancelled");
    }

    @Test
    void instructionsThePatientMayNotBeSentGoToASchedulerToGiveByPhone() {
        Mocks.register("sendMessageDelegate", (JavaDelegate) e -> {
            throw new org.camunda.bpm.engine.delegate.BpmnError(ProcessErrors.NO_CONSENT);
        });
        ProcessInstance instance = booked();
        nextTimer(instance);

        assertThat(instance).isWaitingAt("prepareByPhone").hasNotPassed("waitConfirmationCheck");
        assertThat(task(instance)).hasCandidateGroup("scheduler");
        complete(task(instance));
        ProcessTestSupport.runJobs(instance);

        assertThat(instance).isEnded().hasPassed("recordNoConsent");
        org.assertj.core.api.Assertions.assertThat(outcomes).containsExactly("no-consent");
    }
}
