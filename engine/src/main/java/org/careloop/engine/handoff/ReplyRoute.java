package org.careloop.engine.handoff;

import org.camunda.bpm.engine.delegate.VariableScope;
import org.careloop.processes.ProcessVariables;

/**
 * What a program does with a reply: the approved answer the patient gets, and the handoff, if any (team, priority on
 * the one scale, reason), as the variables the models read.
 *
 * @param team the team's group, or null when nobody needs to follow up
 */
public record ReplyRoute(String acknowledgement, String team, int priority, String reason) {

    public void applyTo(VariableScope execution) {
        execution.setVariable(ProcessVariables.ACK_TEMPLATE, acknowledgement);
        execution.setVariable(ProcessVariables.HANDOFF_TEAM, team);
        execution.setVariable(ProcessVariables.HANDOFF_PRIORITY, priority);
        execution.setVariable(ProcessVariables.HANDOFF_REASON, reason);
    }
}
