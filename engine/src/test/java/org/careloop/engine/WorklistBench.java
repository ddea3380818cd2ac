package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.careloop.engine.fhir.PatientDirectory;
import org.careloop.engine.fhir.PatientSummary;
import org.careloop.forms.handoff.HandoffBoard;
import org.careloop.processes.ProcessVariables;
import org.springframework.context.ApplicationContext;

/**
 * Benchmark, not a test (run by {@code bench/worklist.sh}, never by the suite): how long a nurse's task list of 200
 * rows takes to read, as the board reads it now (the rows' variables in two queries, the patients' names in one FHIR
 * search, shared by the lists read at one version of the board) against the same rows read task by task (each task's
 * variables, each patient's record), as it was read before. The live list reads every open list again whenever a
 * task changes.
 */
final class WorklistBench {

    private WorklistBench() {}

    static void run(String database, ApplicationContext context, IntFunction<String> newPatient, Runnable settle) {
        HandoffBoard board = context.getBean(HandoffBoard.class);
        PatientDirectory directory = context.getBean(PatientDirectory.class);
        RuntimeService runtime = context.getBean(RuntimeService.class);
        TaskService tasks = context.getBean(TaskService.class);
        int n = Integer.getInteger("worklist.tasks", 300);
        long made = System.nanoTime();
        for (int i = 0; i < n; i++) {
            raise(runtime, newPatient.apply(i), "follow-up " + i);
        }
        // the handoffs' own work (their FHIR Tasks, their summaries) done first, so the lists are read on a quiet node
        settle.run();
        System.out.printf(
                "WORKLIST %s: %,d patients and their handoffs made in %.1f s; %,d tasks open%n",
                database,
                n,
                (System.nanoTime() - made) / 1e9,
                tasks.createTaskQuery().active().count());
        int[] raised = {n};
        // a task raised before each read (outside the time), so that no read finds the rows of an earlier one
        measure(database, "the list as the board reads it, after a change", 1, () -> {
            raise(runtime, newPatient.apply(raised[0]++), "raised while the list is open");
            return timed(
                    () -> assertThat(board.openFor("nurse", List.of("nurse"))).hasSize(200));
        });
        measure(database, "ten lists read again after a change", 10, () -> {
            raise(runtime, newPatient.apply(raised[0]++), "raised while the lists are open");
            return timed(() -> {
                for (int page = 0; page < 10; page++) {
                    assertThat(board.openFor("nurse", List.of("nurse"))).hasSize(200);
                }
            });
        });
        measure(
                database,
                "the same rows read task by task (before)",
                1,
                () -> timed(() -> {
                    List<Task> open = tasks.createTaskQuery()
                            .active()
                            .or()
                            .taskAssignee("nurse")
                            .taskCandidateGroupIn(List.of("nurse"))
                            .includeAssignedTasks()
                            .endOr()
                            .orderByTaskPriority()
                            .desc()
                            .orderByTaskCreateTime()
                            .asc()
                            .listPage(0, 200);
                    open.forEach(task -> {
                        var vars = tasks.getVariables(
                                task.getId(),
                                List.of(
                                        ProcessVariables.PATIENT_ID,
                                        ProcessVariables.HANDOFF_TEAM,
                                        ProcessVariables.HANDOFF_REASON,
                                        ProcessVariables.REPLY_BODY));
                        directory
                                .find((String) vars.get(ProcessVariables.PATIENT_ID))
                                .map(PatientSummary::displayName);
                    });
                    assertThat(open).hasSize(200);
                }));
    }

    private static void raise(RuntimeService runtime, String patientId, String reason) {
        runtime.startProcessInstanceByKey(
                "careloop-handoff",
                Variables.createVariables()
                        .putValue(ProcessVariables.PATIENT_ID, patientId)
                        .putValue(ProcessVariables.HANDOFF_TEAM, "nurse")
                        .putValue(ProcessVariables.HANDOFF_PRIORITY, 50)
                        .putValue(ProcessVariables.HANDOFF_REASON, reason)
                        .putValue(ProcessVariables.REPLY_BODY, "a reply of the patient"));
    }

    private static long timed(Runnable read) {
        long t = System.nanoTime();
        read.run();
        return System.nanoTime() - t;
    }

    /** 10 unmeasured rounds, then 30 measured: each round's time in nanoseconds, for this many lists. */
    private static void measure(String database, String what, int lists, LongSupplier round) {
        for (int i = 0; i < 10; i++) {
            round.getAsLong();
        }
        double[] ms = new double[30];
        for (int i = 0; i < ms.length; i++) {
            ms[i] = round.getAsLong() / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf(
                "WORKLIST %s: %-48s %2d list(s) of 200 rows: p50 %7.1f ms  p95 %7.1f ms%n",
                database, what, lists, ms[ms.length / 2], ms[(int) (ms.length * 0.95)]);
    }
}
