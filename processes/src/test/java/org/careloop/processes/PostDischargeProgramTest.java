package org.careloop.processes;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.repositoryService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The program's own paths, with the check-in conversation replaced by a stand-in that ends with the
 * outcome a test chooses (the conversation has its own tests).
 */
class PostDischargeProgramTest {

    private static final String DISCHARGE = "2026-03-02T15:00:00Z";

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessEngineExtension.builder()
            .useProcessEngine(ProcessTestSupport.ENGINE)
            .build();

    private final JavaDelegate recordOutcome = mock(JavaDelegate.class);
    private Deployment deployment;

    @BeforeEach
    void deploy() {
        ProcessTestSupport.registerQuietMocks();
        Mocks.register("recordOutcomeDelegate", recordOutcome);
        BpmnModelInstance checkInStandIn = Bpmn.createExecutableProcess("careloop-check-in")
                .camundaHistoryTimeToLive(1)
                .startEvent()
                .endEvent()
                .camundaExecutionListenerExpression(
                        "start", "${execution.setVariable('checkInOutcome', outcomeOf[checkInTemplate])}")
                .done();
        deployment = repositoryService()
                .createDeployment()
                .addClasspathResource("bpmn/program-post-discharge.bpmn")
                .addModelInstance("check-in-stand-in.bpmn", checkInStandIn)
                .deploy();
    }

    @AfterEach
    void undeploy() {
        repositoryService().deleteDeployment(deployment.getId(), true);
        Mocks.reset();
    }

    private ProcessInstance enrol(String firstOutcome, String secondOutcome) {
        return runtimeService()
                .startProcessInstanceByKey(
                        "program-post-discharge",
                        "post-discharge:p1:e1",
                        withVariables(
                                "dischargeTime",
                                DISCHARGE,
                                "patientId",
                                "p1",
                                "encounterId",
                                "e1",
                                "outcomeOf",
                                java.util.Map.of(
                                        "post-discharge-checkin-1",
                                        firstOutcome,
                                        "post-discharge-checkin-7",
                                        secondOutcome)));
    }

    @Test
    void firstCheckInIsDue24HoursAfterDischarge() {
        ProcessInstance instance = enrol("replied", "replied");

        assertThat(instance).isWaitingAt("waitForFirstCheckIn");
        Job timer = job(instance);
        org.assertj.core.api.Assertions.assertThat(timer.getDuedate())
                .isEqualTo(Date.from(Instant.parse("2026-03-03T15:00:00Z")));
    }

    @Test
    void runsBothCheckInsRelativeToDischargeAndRecordsTheOutcome() throws Exception {
        ProcessInstance instance = enrol("replied", "handed-off");
        execute(job(instance));

        assertThat(instance)
                .hasPassed("firstCheckIn")
                .isWaitingAt("waitForSecondCheckIn")
                .variables()
                .containsEntry("firstCheckInOutcome", "replied");
        org.assertj.core.api.Assertions.assertThat(job(instance).getDuedate())
                .isEqualTo(Date.from(Instant.parse("2026-03-09T15:00:00Z")));
        execute(job(instance));

        assertThat(instance)
                .isWaitingAt("recordOutcome")
                .variables()
                .containsEntry("secondCheckInOutcome", "handed-off");
        execute(job(instance));
        assertThat(instance).isEnded().hasPassed("endProgram");
        verify(recordOutcome).execute(any());
    }

    /** Opted out by a reply, or not to be messaged at all (no consent): the day-7 check-in is not attempted. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"opted-out", "no-consent"})
    void aFirstCheckInOptedOutOrRefusedForWantOfConsentSkipsTheSecond(String firstOutcome) throws Exception {
        ProcessInstance instance = enrol(firstOutcome, "replied");
        execute(job(instance));

        assertThat(instance)
                .hasPassed("stillEnrolled", "programEnds")
                .hasNotPassed("waitForSecondCheckIn", "secondCheckIn")
                .isWaitingAt("recordOutcome");
        execute(job(instance));
        assertThat(instance).isEnded();
        verify(recordOutcome).execute(any());
    }

    @Test
    void checkInTemplatesAreModelParametersPassedToTheConversation() throws Exception {
        ProcessInstance instance = enrol("no-response", "no-response");
        execute(job(instance));

        var first = org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService()
                .createHistoricVariableInstanceQuery()
                .variableName("checkInTemplate")
                .list();
        org.assertj.core.api.Assertions.assertThat(first)
                .extracting(v -> v.getValue())
                .contains("post-discharge-checkin-1");
        verify(recordOutcome, never()).execute(any());
        assertThat(instance).isWaitingAt("waitForSecondCheckIn");
    }
}
