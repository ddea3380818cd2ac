package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntSupplier;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.careloop.engine.fhir.PatientDirectory;
import org.careloop.engine.fhir.PatientSummary;
import org.careloop.forms.handoff.HandoffBoard;
import org.careloop.processes.ProcessVariables;

/**
 * Benchmark, not a test (run by {@code bench/worklist.sh}, never by the suite): how long a nurse's task list of 200
 * rows takes to read, as the board reads it now (the rows' variables in two queries, the patients' names in one FHIR
 * search) against the same rows read task by task (each task's variables, each patient's record), as it was read
 * before. The live list reads it again for every open list whenever a task changes.
 */
final class WorklistBench {

    private WorklistBench() {}

    static void run(
            String database,
            org.springframework.context.ApplicationContext context,
            java.util.function.IntFunction<String> newPatient,
            Runnable settle) {
        HandoffBoard board = context.getBean(HandoffBoard.class);
        PatientDirectory directory = context.getBean(PatientDirectory.class);
        RuntimeService runtime = context.getBean(RuntimeService.class);
        TaskService tasks = context.getBean(TaskService.class);
        int n = Integer.getInteger("worklist.tasks", 300);
        long made = System.nanoTime();
        for (int i = 0; i < n; i++) {
            runtime.startProcessInstanceByKey(
                    "careloop-handoff",
                    Variables.createVariables()
                            .putValue(ProcessVariables.PATIENT_ID, newPatient.apply(i))
                            .putValue(ProcessVariables.HANDOFF_TEAM, "nurse")
                            .putValue(ProcessVariables.HANDOFF_PRIORITY, 50)
                            .putValue(ProcessVariables.HANDOFF_REASON, "follow-up " + i)
                            .putValue(ProcessVariables.REPLY_BODY, "a reply of patient " + i));
        }
        // the handoffs' own work (their FHIR Tasks, their summaries) done first, so the lists are read on a quiet node
        settle.run();
        System.out.printf(
                "WORKLIST %s: %,d patients and their handoffs made in %.1f s; %,d tasks open%n",
                database,
                n,
                (System.nanoTime() - made) / 1e9,
                tasks.createTaskQuery().active().count());
        measure(
                database,
                "the list as the board reads it now",
                () -> board.openFor("nurse", List.of("nurse")).size());
        measure(database, "the same rows read task by task (before)", () -> {
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
                directory.find((String) vars.get(ProcessVariables.PATIENT_ID)).map(PatientSummary::displayName);
            });
            return open.size();
        });
    }

    private static void measure(String database, String what, IntSupplier list) {
        for (int i = 0; i < 10; i++) {
            assertThat(list.getAsInt()).isEqualTo(200);
        }
        double[] ms = new double[30];
        for (int i = 0; i < ms.length; i++) {
            long t = System.nanoTime();
            assertThat(list.getAsInt()).isEqualTo(200);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf(
                "WORKLIST %s: %-45s 200 rows: p50 %7.1f ms  p95 %7.1f ms%n",
                database, what, ms[ms.length / 2], ms[(int) (ms.length * 0.95)]);
    }
}
