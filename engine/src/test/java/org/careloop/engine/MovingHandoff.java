package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;

/**
 * A handoff task beside the acknowledgement of its reply, on an engine of its own, and the moment the engine moves it:
 * a read of the task's variables is held after it has found the task and before it looks up the task's execution,
 * while the acknowledgement's job ends and the engine moves the task to the process's remaining execution and deletes
 * the one the read found. The hold is a variable of the task itself, which the engine reads (and deserialises) before
 * the execution's.
 */
public final class MovingHandoff implements AutoCloseable {

    /** The task's own variable that holds the first read of it until the acknowledgement has ended. */
    public static final class Pause implements Serializable {
        private static final long serialVersionUID = 1L;
        static volatile CountDownLatch taskRead = new CountDownLatch(1);
        static volatile CountDownLatch acknowledged = new CountDownLatch(1);
        static final AtomicInteger reads = new AtomicInteger();

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

    private final ProcessEngine engine;
    private final String instance;
    private final String task;

    /** A handoff of a reply by patient-1 (reply-1), its acknowledgement's job not yet run. */
    public MovingHandoff() {
        Pause.taskRead = new CountDownLatch(1);
        Pause.acknowledged = new CountDownLatch(1);
        StandaloneInMemProcessEngineConfiguration configuration = StandaloneEngines.onItsOwnDatabase("moving-handoff");
        configuration.setJavaSerializationFormatEnabled(true);
        engine = configuration.buildProcessEngine();
        engine.getRepositoryService()
                .createDeployment()
                .addModelInstance(
                        "reply.bpmn", StandaloneEngines.handoffBesideAcknowledgement("reply", "${true}", t -> t))
                .deploy();
        instance = engine.getRuntimeService()
                .startProcessInstanceByKey("reply", Map.of("patientId", "patient-1", "replyMessageId", "reply-1"))
                .getId();
        task = engine.getTaskService().createTaskQuery().singleResult().getId();
        engine.getTaskService().setVariableLocal(task, "pause", new Pause());
        Pause.reads.set(0);
    }

    public TaskService tasks() {
        return engine.getTaskService();
    }

    public String task() {
        return task;
    }

    /** How many times the task's own variable was read. */
    public int reads() {
        return Pause.reads.get();
    }

    /** Reads are not held: the task stays where it is. */
    public void stayPut() {
        Pause.taskRead.countDown();
    }

    /** Makes the read while the engine moves the task, and returns what it returned (or throws what it threw). */
    public <T> T readWhileTheAcknowledgementEnds(Supplier<T> read) throws Exception {
        CompletableFuture<T> reading = CompletableFuture.supplyAsync(read);
        assertThat(Pause.taskRead.await(20, TimeUnit.SECONDS)).isTrue();
        String before = executionOfTask();
        var ack = engine.getManagementService()
                .createJobQuery()
                .processInstanceId(instance)
                .singleResult();
        engine.getManagementService().executeJob(ack.getId());
        // the engine moved the task: the execution it was on is gone
        assertThat(executionOfTask()).isEqualTo(instance).isNotEqualTo(before);
        Pause.acknowledged.countDown();
        try {
            return reading.get(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException failed) {
            throw failed.getCause() instanceof Exception e ? e : failed;
        }
    }

    private String executionOfTask() {
        return engine.getTaskService()
                .createTaskQuery()
                .taskId(task)
                .singleResult()
                .getExecutionId();
    }

    @Override
    public void close() {
        Pause.acknowledged.countDown();
        engine.close();
    }
}
