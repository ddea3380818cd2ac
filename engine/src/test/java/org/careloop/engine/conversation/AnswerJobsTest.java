package org.careloop.engine.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.careloop.processes.JobPriorities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A reply's answer job runs on the thread that read the reply; the job executors meet it only as a fallback. */
class AnswerJobsTest {

    /** What the models' answer steps did, by process instance; {@code fail} makes the step throw. */
    public static final class Answers {
        final List<String> sent = new ArrayList<>();
        boolean fail;

        public void send(String processInstanceId) {
            if (fail) {
                throw new IllegalStateException("provider refused");
            }
            sent.add(processInstanceId);
        }

        final java.util.concurrent.CountDownLatch taskRead = new java.util.concurrent.CountDownLatch(1);
        final java.util.concurrent.CountDownLatch claimed = new java.util.concurrent.CountDownLatch(1);

        /**
         * The answer beside a handoff task: the first time, it has read the task (as the engine does when the branch
         * ends) and waits while a nurse claims it.
         */
        public void sendBesideTask(org.camunda.bpm.engine.delegate.DelegateExecution execution)
                throws InterruptedException {
            if (taskRead.getCount() > 0) {
                execution
                        .getProcessEngineServices()
                        .getTaskService()
                        .createTaskQuery()
                        .processInstanceId(execution.getProcessInstanceId())
                        .singleResult();
                taskRead.countDown();
                assertThat(claimed.await(20, java.util.concurrent.TimeUnit.SECONDS))
                        .isTrue();
            }
            send(execution.getProcessInstanceId());
        }
    }

    private final Answers answers = new Answers();
    private ProcessEngine engine;
    private AnswerJobs jobs;

    @BeforeEach
    void engine() {
        StandaloneInMemProcessEngineConfiguration configuration =
                org.careloop.engine.StandaloneEngines.onItsOwnDatabase("answers");
        configuration.setEnsureJobDueDateNotNull(true);
        configuration.setBeans(Map.of("answers", answers));
        engine = configuration.buildProcessEngine();
        engine.getRepositoryService()
                .createDeployment()
                .addModelInstance("reply.bpmn", conversation("reply", JobPriorities.ANSWER))
                .addModelInstance("later.bpmn", conversation("later", 0))
                .addModelInstance(
                        "beside-task.bpmn",
                        org.careloop.engine.StandaloneEngines.handoffBesideAcknowledgement(
                                "besideTask", "${answers.sendBesideTask(execution)}", task -> task))
                .deploy();
        jobs = new AnswerJobs(engine.getManagementService());
    }

    private static org.camunda.bpm.model.bpmn.BpmnModelInstance conversation(String key, int priority) {
        return Bpmn.createExecutableProcess(key)
                .startEvent()
                .serviceTask("sendAnswer")
                .camundaAsyncBefore()
                .camundaJobPriority(String.valueOf(priority))
                .camundaExpression("${answers.send(execution.processInstanceId)}")
                .endEvent()
                .done();
    }

    @AfterEach
    void close() {
        engine.close();
        ClockUtil.reset();
    }

    @Test
    void theAnswerJobIsHeldFromTheJobExecutorsAndRunByTheReadersThread() {
        String instance =
                engine.getRuntimeService().startProcessInstanceByKey("reply").getId();

        List<String> held = jobs.hold(instance);

        assertThat(held).hasSize(1);
        Job job = engine.getManagementService()
                .createJobQuery()
                .jobId(held.get(0))
                .singleResult();
        assertThat(job.getDuedate().getTime() - ClockUtil.getCurrentTime().getTime())
                .isBetween(AnswerJobs.HELD_MILLIS - 1_000, AnswerJobs.HELD_MILLIS);
        assertThat(engine.getManagementService().createJobQuery().executable().count())
                .as("due for no job executor while the reader holds it")
                .isZero();
        assertThat(answers.sent).isEmpty();

        jobs.run(held);

        assertThat(answers.sent).containsExactly(instance);
        assertThat(engine.getManagementService().createJobQuery().count()).isZero();
        assertThat(engine.getRuntimeService().createProcessInstanceQuery().count())
                .isZero();
    }

    @Test
    void anAnswerThatFailsIsLeftToTheJobExecutorsRetriesWithoutStoppingTheReader() {
        String instance =
                engine.getRuntimeService().startProcessInstanceByKey("reply").getId();
        answers.fail = true;

        jobs.run(jobs.hold(instance));

        Job job = engine.getManagementService()
                .createJobQuery()
                .processInstanceId(instance)
                .singleResult();
        assertThat(job.getRetries()).isEqualTo(2);
        assertThat(job.getExceptionMessage()).contains("provider refused");
        ClockUtil.setCurrentTime(new java.util.Date(ClockUtil.getCurrentTime().getTime() + AnswerJobs.HELD_MILLIS));
        assertThat(engine.getManagementService().createJobQuery().executable().count())
                .as("due again for the job executors")
                .isOne();
    }

    @Test
    void otherJobsOfTheInstanceAndInstancesWithoutOneAreLeftToTheJobExecutors() {
        String later =
                engine.getRuntimeService().startProcessInstanceByKey("later").getId();

        assertThat(jobs.hold(later)).isEmpty();
        assertThat(jobs.hold(null)).isEmpty();
        assertThat(engine.getManagementService().createJobQuery().executable().count())
                .isOne();
        assertThat(answers.sent).isEmpty();
    }

    @Test
    void anAnswerUndoneBecauseANurseClaimedTheTaskBesideItIsRunAgainAtOnce() throws Exception {
        String instance = engine.getRuntimeService()
                .startProcessInstanceByKey("besideTask")
                .getId();
        List<String> held = jobs.hold(instance);
        java.util.concurrent.CompletableFuture<Void> answering =
                java.util.concurrent.CompletableFuture.runAsync(() -> jobs.run(held));
        assertThat(answers.taskRead.await(20, java.util.concurrent.TimeUnit.SECONDS))
                .isTrue();

        String task = engine.getTaskService()
                .createTaskQuery()
                .processInstanceId(instance)
                .singleResult()
                .getId();
        engine.getTaskService().claim(task, "nurse");
        answers.claimed.countDown();
        answering.get(20, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(answers.sent)
                .as("run twice: the first run was undone with its transaction when the claim came first")
                .containsExactly(instance, instance);
        assertThat(engine.getManagementService()
                        .createJobQuery()
                        .processInstanceId(instance)
                        .count())
                .as("answered now, not left held for the job executors")
                .isZero();
        assertThat(engine.getTaskService()
                        .createTaskQuery()
                        .taskId(task)
                        .singleResult()
                        .getAssignee())
                .isEqualTo("nurse");
    }
}
