package org.careloop.engine.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A nurse claims a handoff in the moment the acknowledgement beside it ends and the engine moves the task: her claim
 * is made again and holds, where the engine alone would refuse it.
 */
class TaskChangesTest {

    /**
     * Holds the first claim after it read the task and before it is written, until the test has let the
     * acknowledgement end.
     */
    public static final class Gate {
        final CountDownLatch claimRead = new CountDownLatch(1);
        final CountDownLatch acknowledged = new CountDownLatch(1);
        final AtomicInteger assignments = new AtomicInteger();

        public void assigning() throws InterruptedException {
            if (assignments.incrementAndGet() == 1) {
                claimRead.countDown();
                assertThat(acknowledged.await(20, TimeUnit.SECONDS)).isTrue();
            }
        }

        public void acknowledge() {}
    }

    private final Gate gate = new Gate();
    private ProcessEngine engine;

    @BeforeEach
    void engine() {
        StandaloneInMemProcessEngineConfiguration configuration =
                org.careloop.engine.StandaloneEngines.onItsOwnDatabase("task-changes");
        configuration.setBeans(Map.of("gate", gate));
        engine = configuration.buildProcessEngine();
        engine.getRepositoryService()
                .createDeployment()
                .addModelInstance(
                        "reply.bpmn",
                        org.careloop.engine.StandaloneEngines.handoffBesideAcknowledgement(
                                "reply",
                                "${gate.acknowledge()}",
                                task -> task.camundaTaskListenerExpression("assignment", "${gate.assigning()}")))
                .deploy();
    }

    @AfterEach
    void close() {
        engine.close();
    }

    /** Starts the conversation and claims its task while the acknowledgement ends; what the claim ended with. */
    private CompletableFuture<Void> claimWhileTheAcknowledgementEnds(Runnable claim) throws Exception {
        String instance =
                engine.getRuntimeService().startProcessInstanceByKey("reply").getId();
        CompletableFuture<Void> claiming = CompletableFuture.runAsync(claim);
        assertThat(gate.claimRead.await(20, TimeUnit.SECONDS)).isTrue();
        var ack = engine.getManagementService()
                .createJobQuery()
                .processInstanceId(instance)
                .singleResult();
        engine.getManagementService().executeJob(ack.getId());
        gate.acknowledged.countDown();
        return claiming.handle((done, failure) -> {
            if (failure != null) {
                throw failure instanceof java.util.concurrent.CompletionException c
                        ? (RuntimeException) c.getCause()
                        : new IllegalStateException(failure);
            }
            return done;
        });
    }

    private String handOffTask() {
        return engine.getTaskService()
                .createTaskQuery()
                .taskDefinitionKey("handOff")
                .singleResult()
                .getId();
    }

    @Test
    void aClaimMadeWhileTheAcknowledgementEndsIsRefusedByTheEngineAlone() throws Exception {
        var claimed =
                claimWhileTheAcknowledgementEnds(() -> engine.getTaskService().claim(handOffTask(), "nurse"));

        assertThatThrownBy(() -> claimed.get(20, TimeUnit.SECONDS))
                .hasCauseInstanceOf(OptimisticLockingException.class);
        assertThat(engine.getTaskService()
                        .createTaskQuery()
                        .taskAssignee("nurse")
                        .count())
                .isZero();
    }

    @Test
    void aClaimMadeWhileTheAcknowledgementEndsIsMadeAgainAndHolds() throws Exception {
        var claimed = claimWhileTheAcknowledgementEnds(() ->
                TaskChanges.retriedOnConflict(() -> engine.getTaskService().claim(handOffTask(), "nurse")));

        claimed.get(20, TimeUnit.SECONDS);
        assertThat(engine.getTaskService()
                        .createTaskQuery()
                        .taskAssignee("nurse")
                        .count())
                .isEqualTo(1);
        assertThat(gate.assignments).hasValue(2);
        assertThat(engine.getManagementService().createJobQuery().count()).isZero();
    }

    @Test
    void aConflictThatPersistsIsReportedAfterTheLastAttempt() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> TaskChanges.retriedOnConflict(() -> {
                    attempts.incrementAndGet();
                    throw new OptimisticLockingException("changed meanwhile");
                }))
                .isInstanceOf(OptimisticLockingException.class);
        assertThat(attempts).hasValue(TaskChanges.ATTEMPTS);
    }
}
