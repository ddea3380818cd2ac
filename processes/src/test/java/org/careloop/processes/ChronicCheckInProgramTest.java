package org.careloop.processes;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.repositoryService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.JavaDelegate;
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
 * Every path of one chronic check-in cycle: a reading in range, an alert for a nurse (the next cycle does not wait
 * for her), a missed check-in and the third in a row for a coordinator, and STOP, which ends the program.
 */
class ChronicCheckInProgramTest {

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessEngineExtension.builder()
            .useProcessEngine(ProcessTestSupport.ENGINE)
            .build();

    private Deployment deployment;
    private final List<String> sent = new ArrayList<>();
    private final List<String> calls = new ArrayList<>();
    private Map<String, Object> reading = Map.of();
    private int missedInRow;

    @BeforeEach
    void deploy() {
        ProcessTestSupport.registerQuietMocks();
        Mocks.register("sendMessageDelegate", (JavaDelegate) e -> sent.add((String) e.getVariable("templateId")));
        Mocks.register("chronicReadingDelegate", (JavaDelegate) e -> e.setVariables(reading));
        Mocks.register("chronicMissedDelegate", (JavaDelegate) e -> e.setVariable("missedInRow", missedInRow));
        Mocks.register("chronicNextCycleDelegate", (JavaDelegate) e -> calls.add("next"));
        Mocks.register("chronicEndDelegate", (JavaDelegate) e -> calls.add("end:" + e.getVariable("programOutcome")));
        deployment = repositoryService()
                .createDeployment()
                .addClasspathResource("bpmn/program-chronic-checkin.bpmn")
                .deploy();
    }

    @AfterEach
    void undeploy() {
        repositoryService().deleteDeployment(deployment.getId(), true);
        Mocks.reset();
    }

    private ProcessInstance cycle() {
        ProcessInstance instance = started();
        Job due = jobQuery().processInstanceId(instance.getId()).timers().singleResult();
        org.assertj.core.api.Assertions.assertThat(due.getDuedate())
                .isEqualTo(Date.from(Instant.parse("2026-03-02T14:00:00Z")));
        execute(due);
        ProcessTestSupport.runJobs(instance);
        return instance;
    }

    private ProcessInstance started() {
        return runtimeService()
                .startProcessInstanceByKey(
                        "program-chronic-checkin",
                        withVariables(
                                "patientId", "p1",
                                "measure", "weight",
                                "askTemplate", "chronic-ask-weight",
                                "cycleDue", "2026-03-02T14:00:00Z",
                                "replyTimeout", "PT12H",
                                "program", "chronic-heart-failure"));
    }

    private void reply(ProcessInstance instance, String action, String ack, String team) {
        Map<String, Object> v = new HashMap<>();
        v.put("triageAction", action);
        v.put("ackTemplate", ack);
        v.put("handoffTeam", team);
        v.put("handoffPriority", team == null ? 0 : 80);
        v.put("handoffReason", "test");
        reading = v;
        runtimeService()
                .createMessageCorrelation("PatientReply")
                .processInstanceId(instance.getId())
                .correlate();
        ProcessTestSupport.runJobs(instance);
    }

    @Test
    void aReadingInRangeIsAnsweredAndTheNextCycleIsScheduled() {
        ProcessInstance instance = cycle();
        assertThat(instance).isWaitingAt("waitForReading");

        reply(instance, "continue", "chronic-thanks", null);

        org.assertj.core.api.Assertions.assertThat(sent).containsExactly("chronic-ask-weight", "chronic-thanks");
        org.assertj.core.api.Assertions.assertThat(calls).containsExactly("next");
        assertThat(instance).isEnded().hasPassed("cycleDone");
    }

    @Test
    void anAlertGoesToANurseAndTheNextCycleDoesNotWaitForHer() {
        ProcessInstance instance = cycle();

        reply(instance, "urgent", "ack-urgent", "nurse");

        assertThat(task(instance)).hasCandidateGroup("nurse");
        org.assertj.core.api.Assertions.assertThat(calls).containsExactly("next");
        assertThat(instance).isWaitingAt("handOff");
    }

    @Test
    void aMissedCheckInIsCountedAndTheThirdInARowGoesToACoordinator() {
        ProcessInstance first = cycle();
        missedInRow = 1;
        execute(jobQuery().processInstanceId(first.getId()).timers().singleResult());
        ProcessTestSupport.runJobs(first);
        assertThat(first).isEnded().hasPassed("countMissed").hasNotPassed("callAboutMissed");

        ProcessInstance third = cycle();
        missedInRow = 3;
        execute(jobQuery().processInstanceId(third.getId()).timers().singleResult());
        ProcessTestSupport.runJobs(third);

        assertThat(task(third)).hasCandidateGroup("care-coordinator");
        org.assertj.core.api.Assertions.assertThat(calls).containsExactly("next", "next");
    }

    @Test
    void stopEndsTheProgramWithoutAnotherCycle() {
        ProcessInstance instance = cycle();

        reply(instance, "opt-out", "opt-out-confirmation", null);

        org.assertj.core.api.Assertions.assertThat(calls).containsExactly("end:opted-out");
        assertThat(instance).isEnded().hasPassed("optedOut").hasNotPassed("startNextCycle");
    }

    @Test
    void aPatientWhoMayNotBeTextedLeavesTheProgramAsNoConsent() {
        Mocks.register("sendMessageDelegate", (JavaDelegate) e -> {
            throw new org.camunda.bpm.engine.delegate.BpmnError(ProcessErrors.NO_CONSENT);
        });
        ProcessInstance instance = started();
        execute(jobQuery().processInstanceId(instance.getId()).timers().singleResult());
        ProcessTestSupport.runJobs(instance);

        assertThat(instance)
                .isEnded()
                .hasPassed("noConsentFound", "recordNoConsent")
                .hasNotPassed("waitForReading");
        org.assertj.core.api.Assertions.assertThat(calls).containsExactly("end:no-consent");
    }
}
