package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;

/**
 * A handoff task beside the acknowledgement of its reply, on an engine of its own, and the moment the engine moves it:
 * a read of the task's variables is held after it has found the task and before it looks up the execution above,
 * while the acknowledgement's job ends, and the engine deletes the branch's execution the read is about to look up
 * and moves what was under it to the process instance. The hold is a variable the engine reads (and deserialises)
 * just before it looks further up: the task's own, or, for a task with a scope of its own (a call task's input
 * parameters), its scope's.
 */
public final class MovingHandoff implements AutoCloseable {

    /** The variable (the task's own, or its scope's) that holds the first read of it until the acknowledgement ended. */
    public static final class Pause implements Serializable {
        private static final long serialVersionUID = 1L;
        static volatile CountDownLatch taskRead = new CountDownLatch(1);
        static volatile CountDownLatch acknowledged = new CountDownLatch(1);

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
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
        this(false);
    }

    /**
     * @param ownScope the task has a scope of its own (an input parameter, handoffReason, as call tasks have), and the
     *     read is held there
     */
    public MovingHandoff(boolean ownScope) {
        Pause.taskRead = new CountDownLatch(1);
        Pause.acknowledged = new CountDownLatch(1);
        StandaloneInMemProcessEngineConfiguration configuration = StandaloneEngines.onItsOwnDatabase("moving-handoff");
        configuration.setJavaSerializationFormatEnabled(true);
        engine = configuration.buildProcessEngine();
        engine.getRepositoryService()
                .createDeployment()
                .addModelInstance(
                        "reply.bpmn",
                        StandaloneEngines.handoffBesideAcknowledgement(
                                "reply",
                                "${true}",
                                t -> ownScope ? t.camundaInputParameter("handoffReason", "Call the patient") : t))
                .deploy();
        instance = engine.getRuntimeService()
                .startProcessInstanceByKey("reply", Map.of("patientId", "patient-1", "replyMessageId", "reply-1"))
                .getId();
        var created = engine.getTaskService().createTaskQuery().singleResult();
        task = created.getId();
        if (ownScope) {
            engine.getRuntimeService().setVariableLocal(created.getExecutionId(), "pause", new Pause());
        } else {
            engine.getTaskService().setVariableLocal(task, "pause", new Pause());
        }
    }

    public TaskService tasks() {
        return engine.getTaskService();
    }

    public org.camunda.bpm.engine.RuntimeService runtime() {
        return engine.getRuntimeService();
    }

    public String task() {
        return task;
    }

    /** The process instance of the task. */
    public String instance() {
        return instance;
    }

    /** Reads are not held: the task stays where it is. */
    public void stayPut() {
        Pause.taskRead.countDown();
    }

    /** Makes the read while the engine moves the task, and returns what it returned (or throws what it threw). */
    public <T> T readWhileTheAcknowledgementEnds(Supplier<T> read) throws Exception {
        CompletableFuture<T> reading = CompletableFuture.supplyAsync(read);
        assertThat(Pause.taskRead.await(20, TimeUnit.SECONDS)).isTrue();
        long before = executions();
        var ack = engine.getManagementService()
                .createJobQuery()
                .processInstanceId(instance)
                .singleResult();
        engine.getManagementService().executeJob(ack.getId());
        // the engine pruned the branches: the task's branch is gone, what was under it is under the instance now
        assertThat(executions()).isLessThan(before);
        Pause.acknowledged.countDown();
        try {
            return reading.get(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException failed) {
            throw failed.getCause() instanceof Exception e ? e : failed;
        }
    }

    private long executions() {
        return engine.getRuntimeService()
                .createExecutionQuery()
                .processInstanceId(instance)
                .count();
    }

    @Override
    public void close() {
        Pause.acknowledged.countDown();
        engine.close();
    }
}
