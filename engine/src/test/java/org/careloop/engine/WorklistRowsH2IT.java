package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.careloop.forms.handoff.HandoffBoard;
import org.careloop.processes.ProcessVariables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The task list's rows are read for all tasks at once (their variables in two queries, their patients' names in one
 * FHIR search): each row still shows what its own task sees — a call task's own reason and team over the program's,
 * a task's own variable over its process's — and its patient's current name.
 */
class WorklistRowsH2IT extends H2StackTest {

    @Autowired
    private HandoffBoard board;

    private static String mobile() {
        return TestNumbers.unused("+1617563");
    }

    @Test
    void eachRowShowsTheVariablesItsOwnTaskSeesAndItsPatientsName() {
        String called = patient(mobile(), "en", p -> p.getNameFirstRep().setFamily("Rowcall"));
        String handedOff = patient(mobile(), "en", p -> p.getNameFirstRep().setFamily("Rowlocal"));
        String plain = patient(mobile(), "en", p -> p.getNameFirstRep().setFamily("Rowplain"));

        // a check-in at its call task: the task's input parameters (reason, team) shadow the program's variables
        String callInstance = runtime.createProcessInstanceByKey("careloop-check-in")
                .setVariables(Variables.createVariables()
                        .putValue(ProcessVariables.PATIENT_ID, called)
                        .putValue(ProcessVariables.HANDOFF_REASON, "the program's reason")
                        .putValue(ProcessVariables.HANDOFF_TEAM, "pharmacist")
                        .putValue(ProcessVariables.REPLY_BODY, "what the patient wrote"))
                .startBeforeActivity("callPatient")
                .execute()
                .getId();
        // a handoff whose task holds a reason of its own
        String localInstance = handoff(handedOff, "the process's reason");
        Task localTask = taskOf(localInstance);
        tasks.setVariableLocal(localTask.getId(), ProcessVariables.HANDOFF_REASON, "the task's own reason");
        String plainInstance = handoff(plain, "a plain reason");

        // held by the nurse, her list read without her team's queue: these three are in it whatever else is open
        for (String instance : List.of(callInstance, localInstance, plainInstance)) {
            tasks.setAssignee(taskOf(instance).getId(), "nurse");
        }
        Map<String, HandoffBoard.Summary> rows = board.openFor("nurse", List.of("no-such-team")).stream()
                .collect(java.util.stream.Collectors.toMap(HandoffBoard.Summary::taskId, s -> s));

        assertThat(rows)
                .containsKeys(
                        taskOf(callInstance).getId(),
                        localTask.getId(),
                        taskOf(plainInstance).getId());
        HandoffBoard.Summary call = rows.get(taskOf(callInstance).getId());
        assertThat(call.reason()).isEqualTo("No reply to the check-in or the reminder");
        assertThat(call.team()).isEqualTo("nurse");
        assertThat(call.patientName()).isEqualTo("Pat Rowcall");
        assertThat(call.patientId()).isEqualTo(called);
        assertThat(call.snippet()).isEqualTo("what the patient wrote");

        HandoffBoard.Summary local = rows.get(localTask.getId());
        assertThat(local.reason()).isEqualTo("the task's own reason");
        assertThat(local.patientName()).isEqualTo("Pat Rowlocal");

        HandoffBoard.Summary other = rows.get(taskOf(plainInstance).getId());
        assertThat(other.reason()).isEqualTo("a plain reason");
        assertThat(other.team()).isEqualTo("nurse");
        assertThat(other.patientName()).isEqualTo("Pat Rowplain");

        // every row of the list agrees with Camunda's own reading of its task's variables
        rows.values().forEach(row -> {
            Map<String, Object> seen = tasks.getVariables(
                    row.taskId(),
                    List.of(
                            ProcessVariables.PATIENT_ID,
                            ProcessVariables.HANDOFF_TEAM,
                            ProcessVariables.HANDOFF_REASON));
            assertThat(row.patientId()).isEqualTo(seen.get(ProcessVariables.PATIENT_ID));
            assertThat(row.team()).isEqualTo(seen.get(ProcessVariables.HANDOFF_TEAM));
            assertThat(row.reason()).isEqualTo(seen.get(ProcessVariables.HANDOFF_REASON));
        });
    }

    private String handoff(String patientId, String reason) {
        return runtime.startProcessInstanceByKey(
                        "careloop-handoff",
                        Variables.createVariables()
                                .putValue(ProcessVariables.PATIENT_ID, patientId)
                                .putValue(ProcessVariables.HANDOFF_TEAM, "nurse")
                                .putValue(ProcessVariables.HANDOFF_PRIORITY, 50)
                                .putValue(ProcessVariables.HANDOFF_REASON, reason))
                .getId();
    }

    private Task taskOf(String processInstanceId) {
        return tasks.createTaskQuery().processInstanceId(processInstanceId).singleResult();
    }
}
