package org.careloop.processes;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.repositoryService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every path of one care gap: closed by qualifying care, lapsed after 30 days, and a reply for the schedulers. */
class CareGapProgramTest {

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
        Mocks.register("careGapReplyDelegate", (JavaDelegate) e -> e.setVariables(Map.of(
                "ackTemplate", "care-gap-thanks",
                "handoffTeam", "scheduler",
                "handoffPriority", 50,
                "handoffReason", "Asks to schedule")));
        Mocks.register(
                "careGapOutcomeDelegate", (JavaDelegate) e -> outcomes.add((String) e.getVariable("programOutcome")));
        deployment = repositoryService()
                .createDeployment()
                .addClasspathResource("bpmn/program-care-gap.bpmn")
                .deploy();
    }

    @AfterEach
    void undeploy() {
        repositoryService().deleteDeployment(deployment.getId(), true);
        Mocks.reset();
    }

    private ProcessInstance invited() {
        ProcessInstance instance = runtimeService()
                .startProcessInstanceByKey(
                        "program-care-gap",
                        withVariables(
                                "patientId", "p1",
                                "careGap", "hba1c",
                                "inviteTemplate", "care-gap-hba1c",
                                "program", "care-gap"));
        ProcessTestSupport.runJobs(instance);
        return instance;
    }

    @Test
    void qualifyingCareClosesTheGap() {
        ProcessInstance instance = invited();
        assertThat(instance).isWaitingAt("closedOrNot");

        runtimeService()
                .createMessageCorrelation("GapClosed")
                .processInstanceId(instance.getId())
                .correlate();
        ProcessTestSupport.runJobs(instance);

        assertThat(instance).isEnded().hasPassed("gapClosed");
        org.assertj.core.api.Assertions.assertThat(sent).containsExactly("care-gap-hba1c");
        org.assertj.core.api.Assertions.assertThat(outcomes).containsExactly("closed");
    }

    @Test
    void anInvitationLapsesAfterThirtyDays() {
        ProcessInstance instance = invited();

        execute(jobQuery().processInstanceId(instance.getId()).timers().singleResult());
        ProcessTestSupport.runJobs(instance);

        assertThat(instance).isEnded().hasPassed("invitationLapsed");
        org.assertj.core.api.Assertions.assertThat(outcomes).containsExactly("not-closed");
    }

    @Test
    void aReplyIsAnsweredAndGoesToTheSchedulers() {
        ProcessInstance instance = invited();

        runtimeService()
                .createMessageCorrelation("PatientReply")
                .processInstanceId(instance.getId())
                .correlate();
        ProcessTestSupport.runJobs(instance);

        org.assertj.core.api.Assertions.assertThat(sent).containsExactly("care-gap-hba1c", "care-gap-thanks");
        assertThat(task(instance)).hasCandidateGroup("scheduler");
    }

    @Test
    void anInvitationThePatientMayNotBeSentEndsTheGapAsNoConsent() {
        Mocks.register("sendMessageDelegate", (JavaDelegate) e -> {
            throw new org.camunda.bpm.engine.delegate.BpmnError(ProcessErrors.NO_CONSENT);
        });
        ProcessInstance instance = invited();

        assertThat(instance)
                .isEnded()
                .hasPassed("noConsentFound", "recordNoConsent")
                .hasNotPassed("closedOrNot");
        org.assertj.core.api.Assertions.assertThat(outcomes).containsExactly("no-consent");
    }
}
