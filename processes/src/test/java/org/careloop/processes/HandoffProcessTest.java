package org.careloop.processes;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.repositoryService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The stand-alone handoff: one task for the team and at the priority it was started with, done when completed. */
class HandoffProcessTest {

    @RegisterExtension
    static ProcessEngineExtension engine = ProcessEngineExtension.builder()
            .useProcessEngine(ProcessTestSupport.ENGINE)
            .build();

    private Deployment deployment;

    @BeforeEach
    void deploy() {
        ProcessTestSupport.registerQuietMocks();
        deployment = repositoryService()
                .createDeployment()
                .addClasspathResource("bpmn/careloop-handoff.bpmn")
                .deploy();
    }

    @AfterEach
    void undeploy() {
        repositoryService().deleteDeployment(deployment.getId(), true);
        Mocks.reset();
    }

    @Test
    void aCarriedOverHandoffWaitsForItsTeamAtItsPriorityAndEndsWhenDone() {
        ProcessInstance handoff = runtimeService()
                .startProcessInstanceByKey(
                        "careloop-handoff",
                        withVariables(
                                ProcessVariables.HANDOFF_TEAM, "pharmacist",
                                ProcessVariables.HANDOFF_PRIORITY, 80,
                                ProcessVariables.HANDOFF_REASON, "Asks a question about medicines",
                                ProcessVariables.PATIENT_ID, "p1"));

        assertThat(handoff).isWaitingAt("followUp");
        assertThat(task(handoff)).hasCandidateGroup("pharmacist");
        org.assertj.core.api.Assertions.assertThat(task(handoff).getPriority()).isEqualTo(80);

        complete(task(handoff));

        assertThat(handoff).hasPassed("endHandoff").isEnded();
    }
}
