package org.careloop.engine.handoff;

import static org.assertj.core.api.Assertions.assertThatCode;

import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.junit.jupiter.api.Test;

class HandoffTaskListenerTest {

    /**
     * A claim that read a task whose process moved on in another transaction finds no execution; Camunda then invokes
     * the task's listeners with no event name (it names the event only for a task whose execution it finds). The
     * listener leaves such a task alone, so that the claim ends in the engine's conflict on the task, which the task
     * list makes again ({@link TaskChanges}), not in an error of the listener's own.
     */
    @Test
    void aTaskWhoseExecutionIsGoneIsLeftToTheEnginesConflict() {
        TaskEntity moved = new TaskEntity();
        moved.setExecutionId(null);

        // no outbox, clock or AI gateway is touched: there is nothing to mirror
        assertThatCode(() -> new HandoffTaskListener(null, null, null).notify(moved))
                .doesNotThrowAnyException();
    }
}
