package org.careloop.engine.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.careloop.rules.triage.HandoffPriority;
import org.careloop.rules.triage.Severity;
import org.junit.jupiter.api.Test;

/** One priority scale: the rules' priorities, the models' literal and the thresholds the board and FHIR share. */
class HandoffPriorityTest {

    @Test
    void theRulesPrioritiesFallInTheirOwnUrgency() {
        assertThat(HandoffPriority.urgency(HandoffPriority.EMERGENCY)).isEqualTo(Severity.EMERGENCY);
        assertThat(HandoffPriority.urgency(HandoffPriority.URGENT)).isEqualTo(Severity.URGENT);
        assertThat(HandoffPriority.urgency(HandoffPriority.NO_REPLY_CALL)).isEqualTo(Severity.URGENT);
        assertThat(HandoffPriority.urgency(HandoffPriority.ROUTINE)).isEqualTo(Severity.ROUTINE);
    }

    @Test
    void theCallTaskOfTheModelUsesTheScale() throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("bpmn/careloop-check-in.bpmn")) {
            UserTask call = Bpmn.readModelFromStream(in).getModelElementById("callPatient");

            assertThat(call.getCamundaPriority()).isEqualTo(String.valueOf(HandoffPriority.NO_REPLY_CALL));
        }
    }
}
