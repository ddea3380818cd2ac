package org.careloop.engine.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The task list resolves each row's variables from the scopes it read in one go, as the engine resolves a task's: the
 * nearest scope wins, and a row whose task moved between the two reads keeps its process's variables.
 */
class HandoffRowVariablesTest {

    private static final String INSTANCE = "instance";
    private static final String BRANCH = "branch";
    private static final String CALL = "call";

    private final Map<String, Map<String, Object>> byScope = Map.of(
            INSTANCE, Map.of("patientId", "patient-1", "handoffTeam", "nurse", "handoffReason", "chest pain"),
            CALL, Map.of("handoffReason", "No reply to the check-in or the reminder"));

    /** The process instance, and each of the given executions as its child. */
    private static Map<String, String> executionsUnderTheInstance(String... children) {
        Map<String, String> parents = new HashMap<>();
        parents.put(INSTANCE, null);
        for (String child : children) {
            parents.put(child, INSTANCE);
        }
        return parents;
    }

    @Test
    void aTaskOnABranchSeesItsProcessesVariables() {
        assertThat(HandoffBoardService.seenBy("task", BRANCH, INSTANCE, executionsUnderTheInstance(BRANCH), byScope))
                .containsEntry("patientId", "patient-1")
                .containsEntry("handoffTeam", "nurse");
    }

    @Test
    void aNearerScopeShadowsTheProcesses() {
        assertThat(HandoffBoardService.seenBy("task", CALL, INSTANCE, executionsUnderTheInstance(CALL), byScope))
                .containsEntry("handoffReason", "No reply to the check-in or the reminder")
                .containsEntry("patientId", "patient-1");
    }

    @Test
    void aTaskListedOnABranchThatEndedBeforeTheExecutionsWereReadStillHasItsPatientAndTeam() {
        // the acknowledgement beside the task ended in between: its branch is gone, the task is on the instance now
        assertThat(HandoffBoardService.seenBy("task", BRANCH, INSTANCE, executionsUnderTheInstance(), byScope))
                .containsEntry("patientId", "patient-1")
                .containsEntry("handoffTeam", "nurse");
    }

    @Test
    void aTaskOfAProcessThatEndedMeanwhileHasOnlyItsOwnVariables() {
        assertThat(HandoffBoardService.seenBy(
                        "task", BRANCH, INSTANCE, Map.of(), Map.of("task", Map.of("note", "called"))))
                .containsOnlyKeys("note");
    }
}
