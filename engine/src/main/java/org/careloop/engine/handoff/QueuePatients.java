package org.careloop.engine.handoff;

import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.careloop.engine.security.Groups;
import org.careloop.fhir.security.CareTeamPatients;
import org.careloop.processes.ProcessVariables;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * The patients in a care-team member's queues, for the FHIR facade's access rules: two indexed engine queries per
 * FHIR request (the open tasks, then their patients), whatever the number of patients in the system.
 */
@Component
class QueuePatients implements CareTeamPatients {

    /** More open follow-ups than one person's queues ever hold; beyond it the oldest patients are not readable. */
    static final int LIMIT = 1000;

    private final HandoffBoardService board;
    private final RuntimeService runtime;

    QueuePatients(HandoffBoardService board, RuntimeService runtime) {
        this.board = board;
        this.runtime = runtime;
    }

    @Override
    public Set<String> of(Authentication caller) {
        if (caller == null || !caller.isAuthenticated()) {
            return Set.of();
        }
        var groups = Groups.of(caller);
        if (groups.isEmpty()) {
            return Set.of();
        }
        String[] instances =
                board.openQuery(caller.getName(), groups).orderByTaskCreateTime().desc().listPage(0, LIMIT).stream()
                        .map(org.camunda.bpm.engine.task.Task::getProcessInstanceId)
                        .distinct()
                        .toArray(String[]::new);
        if (instances.length == 0) {
            return Set.of();
        }
        return runtime
                .createVariableInstanceQuery()
                .variableName(ProcessVariables.PATIENT_ID)
                .processInstanceIdIn(instances)
                .disableCustomObjectDeserialization()
                .list()
                .stream()
                .map(v -> v.getValue())
                .filter(String.class::isInstance)
                .map(String.class::cast)
                .collect(Collectors.toUnmodifiableSet());
    }
}
