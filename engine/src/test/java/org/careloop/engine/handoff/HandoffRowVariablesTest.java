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

    @Test
    void aTaskOnABranchSeesItsProcessesVariables() {
        Map<String, String> parents = new HashMap<>();
        parents.put(INSTANCE, null);
        parents.put(BRANCH, INSTANCE);

        assertThat(HandoffBoardService.seenBy("task", BRANCH, INSTANCE, parents, byScope))
                .containsEntry("patientId", "patient-1")
                .containsEntry("handoffTeam", "nurse");
    }

    @Test
    void aNearerScopeShadowsTheProcesses() {
        Map<String, String> parents = new HashMap<>();
        parents.put(INSTANCE, null);
        parents.put(CALL, INSTANCE);

        assertThat(HandoffBoardService.seenBy("task", CALL, INSTANCE, parents, byScope))
                .containsEntry("handoffReason", "No reply to the check-in or the reminder")
                .containsEntry("patientId", "patient-1");
    }

    @Test
    void aTaskListedOnABranchThatEndedBeforeTheExecutionsWereReadStillHasItsPatientAndTeam() {
        // the acknowledgement beside the task ended in between: its branch is gone, the task is on the instance now
        Map<String, String> parents = new HashMap<>();
        parents.put(INSTANCE, null);

        assertThat(HandoffBoardService.seenBy("task", BRANCH, INSTANCE, parents, byScope))
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
