package org.careloop.engine.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.careloop.engine.MovingHandoff;
import org.junit.jupiter.api.Test;

/**
 * A page (or a carry-over) reads a handoff's variables in the moment the acknowledgement beside it ends and the engine
 * moves the task to the process instance: it still gets the patient and the reply, and a call task its own reason.
 */
class TaskVariablesTest {

    @Test
    void theEngineAloneReadsTheMovedTaskWithoutItsProcessVariables() throws Exception {
        try (MovingHandoff handoff = new MovingHandoff()) {
            Map<String, Object> read = handoff.readWhileTheAcknowledgementEnds(
                    () -> handoff.tasks().getVariables(handoff.task()));

            assertThat(read).containsKey("pause").doesNotContainKeys("patientId", "replyMessageId");
        }
    }

    @Test
    void aTaskReadWhileTheEngineMovesItHasThePatientAndTheReply() throws Exception {
        try (MovingHandoff handoff = new MovingHandoff()) {
            Map<String, Object> read = handoff.readWhileTheAcknowledgementEnds(
                    () -> TaskVariables.of(handoff.tasks(), handoff.runtime(), handoff.task()));

            assertThat(read)
                    .containsEntry("patientId", "patient-1")
                    .containsEntry("replyMessageId", "reply-1")
                    .containsKey("pause");
        }
    }

    @Test
    void theEngineAloneRefusesToReadACallTaskWhoseBranchEnded() {
        try (MovingHandoff handoff = new MovingHandoff(true)) {
            assertThatThrownBy(() -> handoff.readWhileTheAcknowledgementEnds(
                            () -> handoff.tasks().getVariables(handoff.task())))
                    .isInstanceOf(ProcessEngineException.class)
                    .hasMessageContaining("deleted in the meantime");
        }
    }

    @Test
    void aCallTaskReadWhileItsBranchEndsHasItsOwnReasonAndThePatient() throws Exception {
        try (MovingHandoff handoff = new MovingHandoff(true)) {
            Map<String, Object> read = handoff.readWhileTheAcknowledgementEnds(
                    () -> TaskVariables.of(handoff.tasks(), handoff.runtime(), handoff.task()));

            assertThat(read)
                    .containsEntry("handoffReason", "Call the patient")
                    .containsEntry("patientId", "patient-1")
                    .containsEntry("replyMessageId", "reply-1");
        }
    }

    @Test
    void aNearerScopeStillShadowsTheProcesses() {
        try (MovingHandoff handoff = new MovingHandoff(true)) {
            handoff.stayPut();
            handoff.runtime().setVariable(handoff.instance(), "handoffReason", "the process's own reason");

            Map<String, Object> read = TaskVariables.of(handoff.tasks(), handoff.runtime(), handoff.task());

            assertThat(read)
                    .containsOnlyKeys(
                            handoff.tasks().getVariables(handoff.task()).keySet())
                    .containsEntry("handoffReason", "Call the patient")
                    .containsEntry("patientId", "patient-1");
        }
    }
}
