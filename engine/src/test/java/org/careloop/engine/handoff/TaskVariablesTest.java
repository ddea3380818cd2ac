package org.careloop.engine.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A page (or a carry-over) reads a handoff's variables in the moment the acknowledgement beside it ends and the engine
 * moves the task to the process's remaining execution: it still gets the patient and the reply.
 */
class TaskVariablesTest {

    /**
     * A variable of the task itself, read by the engine after the task and before the task's execution: it holds the
     * first read there until the test has let the acknowledgement end.
     */
    public static final class Pause implements Serializable {
        private static final long serialVersionUID = 1L;
        static volatile CountDownLatch taskRead = new CountDownLatch(1);
        static volatile CountDownLatch acknowledged = new CountDownLatch(1);
        static final java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            reads.incrementAndGet();
            if (taskRead.getCount() > 0) {
                taskRead.countDown();
                try {
                    assertThat(acknowledged.await(20, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private ProcessEngine engine;
    private String instance;
    private String task;

    @BeforeEach
    void engine() {
        Pause.taskRead = new CountDownLatch(1);
        Pause.acknowledged = new CountDownLatch(1);
        StandaloneInMemProcessEngineConfiguration configuration =
                org.careloop.engine.StandaloneEngines.onItsOwnDatabase("task-variables");
        configuration.setJavaSerializationFormatEnabled(true);
        engine = configuration.buildProcessEngine();
        engine.getRepositoryService()
                .createDeployment()
                .addModelInstance(
                        "reply.bpmn",
                        org.careloop.engine.StandaloneEngines.handoffBesideAcknowledgement(
                                "reply", "${true}", task -> task))
                .deploy();
        instance = engine.getRuntimeService()
                .startProcessInstanceByKey("reply", Map.of("patientId", "patient-1", "replyMessageId", "reply-1"))
                .getId();
        task = engine.getTaskService().createTaskQuery().singleResult().getId();
        engine.getTaskService().setVariableLocal(task, "pause", new Pause());
        Pause.reads.set(0);
    }

    @AfterEach
    void close() {
        Pause.acknowledged.countDown();
        engine.close();
    }

    /** Reads the task's variables while the acknowledgement ends; what the read returned. */
    private Map<String, Object> readWhileTheAcknowledgementEnds(java.util.function.Supplier<Map<String, Object>> read)
            throws Exception {
        CompletableFuture<Map<String, Object>> reading = CompletableFuture.supplyAsync(read);
        assertThat(Pause.taskRead.await(20, TimeUnit.SECONDS)).isTrue();
        String onBefore = TaskVariables.executionOf(engine.getTaskService(), task);
        var ack = engine.getManagementService()
                .createJobQuery()
                .processInstanceId(instance)
                .singleResult();
        engine.getManagementService().executeJob(ack.getId());
        // the engine moved the task: the execution it was on is gone
        assertThat(TaskVariables.executionOf(engine.getTaskService(), task))
                .isEqualTo(instance)
                .isNotEqualTo(onBefore);
        Pause.acknowledged.countDown();
        return reading.get(20, TimeUnit.SECONDS);
    }

    @Test
    void theEngineAloneReadsTheMovedTaskWithoutItsProcessVariables() throws Exception {
        Map<String, Object> read =
                readWhileTheAcknowledgementEnds(() -> engine.getTaskService().getVariables(task));

        assertThat(read).containsKey("pause").doesNotContainKeys("patientId", "replyMessageId");
    }

    @Test
    void aReadWhileTheEngineMovesTheTaskIsMadeAgainAndHasThePatientAndTheReply() throws Exception {
        Map<String, Object> read =
                readWhileTheAcknowledgementEnds(() -> TaskVariables.of(engine.getTaskService(), task));

        assertThat(read)
                .containsEntry("patientId", "patient-1")
                .containsEntry("replyMessageId", "reply-1")
                .containsKey("pause");
        assertThat(Pause.reads).hasValue(2);
    }

    @Test
    void aTaskThatStaysPutIsReadOnce() {
        Pause.taskRead.countDown();

        assertThat(TaskVariables.of(engine.getTaskService(), task))
                .containsEntry("patientId", "patient-1")
                .containsEntry("replyMessageId", "reply-1");
        assertThat(Pause.reads).hasValue(1);
    }
}
