package org.careloop.engine.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.careloop.engine.programs.Schedule;
import org.careloop.processes.ProcessBeans;
import org.careloop.processes.ProcessVariables;

/**
 * Benchmark reference for B2, not a test: the same BPMN as CareLoop, on a bare Camunda engine with no-op delegates,
 * history full, job executor on, on the same kind of database. Starts N post-discharge programs discharged a day
 * ago, as enrolment would, and waits until every first check-in has been "sent" and waits for the reply. Run with
 * {@code bench/bare-camunda.sh [N] [jdbc-url user password]}.
 */
public final class BareCamundaLoop {

    private BareCamundaLoop() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        JavaDelegate noOp = execution -> {};
        TaskListener noTask = task -> {};
        StandaloneProcessEngineConfiguration config = BareEngines.configuration(args, "bare-camunda", 20);
        config.setJobExecutorActivate(true);
        config.setJobExecutorAcquireByPriority(true);
        config.setEnsureJobDueDateNotNull(true);
        config.setBeans(Map.of(
                ProcessBeans.SEND_MESSAGE, noOp,
                ProcessBeans.TRIAGE_REPLY, noOp,
                ProcessBeans.RECORD_OUTCOME, noOp,
                ProcessBeans.HANDOFF_TASK_LISTENER, noTask,
                ProcessBeans.SCHEDULE, new Schedule()));
        ProcessEngine engine = config.buildProcessEngine();
        try {
            engine.getRepositoryService()
                    .createDeployment()
                    .addClasspathResource("bpmn/program-post-discharge.bpmn")
                    .addClasspathResource("bpmn/careloop-check-in.bpmn")
                    .deploy();
            String discharged = Instant.now().minus(Duration.ofHours(25)).toString();
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                engine.getRuntimeService()
                        .startProcessInstanceByKey(
                                "program-post-discharge",
                                "bench:" + i,
                                Variables.createVariables()
                                        .putValue(ProcessVariables.PATIENT_ID, "p" + i)
                                        .putValue(ProcessVariables.ENCOUNTER_ID, "e" + i)
                                        .putValue(ProcessVariables.ENROLMENT_ID, "post-discharge-e" + i)
                                        .putValue(ProcessVariables.PROGRAM, "post-discharge")
                                        .putValue(ProcessVariables.DISCHARGE_TIME, discharged));
            }
            double started = (System.nanoTime() - start) / 1e9;
            long waiting;
            do {
                Thread.sleep(200);
                waiting = engine.getRuntimeService()
                        .createEventSubscriptionQuery()
                        .eventType("message")
                        .eventName("PatientReply")
                        .count();
            } while (waiting < n && (System.nanoTime() - start) / 1e9 < 3600);
            double elapsed = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    "bare Camunda (%s): %,d programs started in %.1f s (%.0f/s); %,d first check-ins sent "
                            + "and waiting for the reply after %.1f s = %.1f check-ins/s end to end%n",
                    BareEngines.databaseName(config), n, started, n / started, waiting, elapsed, waiting / elapsed);
        } finally {
            engine.close();
        }
    }
}
