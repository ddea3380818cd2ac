package org.careloop.engine.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.careloop.engine.MovingHandoff;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A page (or a carry-over) reads a handoff's variables in the moment the acknowledgement beside it ends and the engine
 * moves the task to the process's remaining execution: it still gets the patient and the reply.
 */
class TaskVariablesTest {

    private final MovingHandoff handoff = new MovingHandoff();

    @AfterEach
    void close() {
        handoff.close();
    }

    @Test
    void theEngineAloneReadsTheMovedTaskWithoutItsProcessVariables() throws Exception {
        Map<String, Object> read =
                handoff.readWhileTheAcknowledgementEnds(() -> handoff.tasks().getVariables(handoff.task()));

        assertThat(read).containsKey("pause").doesNotContainKeys("patientId", "replyMessageId");
    }

    @Test
    void aReadWhileTheEngineMovesTheTaskIsMadeAgainAndHasThePatientAndTheReply() throws Exception {
        Map<String, Object> read =
                handoff.readWhileTheAcknowledgementEnds(() -> TaskVariables.of(handoff.tasks(), handoff.task()));

        assertThat(read)
                .containsEntry("patientId", "patient-1")
                .containsEntry("replyMessageId", "reply-1")
                .containsKey("pause");
        assertThat(handoff.reads()).isEqualTo(2);
    }

    @Test
    void aTaskThatStaysPutIsReadOnce() {
        handoff.stayPut();

        assertThat(TaskVariables.of(handoff.tasks(), handoff.task()))
                .containsEntry("patientId", "patient-1")
                .containsEntry("replyMessageId", "reply-1");
        assertThat(handoff.reads()).isEqualTo(1);
    }
}
