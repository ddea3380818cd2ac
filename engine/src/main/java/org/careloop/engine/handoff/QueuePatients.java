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
 * FHIR request (the open tasks, then their patients), whatever the number of patients in the system; for the clinical
 * teams, one more for the patients they hold an emergency access to.
 */
@Component
class QueuePatients implements CareTeamPatients {

    /** More open follow-ups than one person's queues ever hold; beyond it the oldest patients are not readable. */
    static final int LIMIT = 1000;

    private final HandoffBoardService board;
    private final RuntimeService runtime;
    private final EmergencyAccessService emergency;

    QueuePatients(HandoffBoardService board, RuntimeService runtime, EmergencyAccessService emergency) {
        this.board = board;
        this.runtime = runtime;
        this.emergency = emergency;
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
        Set<String> queued = queued(caller.getName(), groups);
        if (groups.stream().noneMatch(org.careloop.forms.emergency.EmergencyAccess.ROLES::contains)) {
            return queued;
        }
        // and the patients the caller broke the glass for, while that lasts
        Set<String> opened = emergency.patientsOf(caller.getName());
        if (opened.isEmpty()) {
            return queued;
        }
        var all = new java.util.HashSet<>(queued);
        all.addAll(opened);
        return Set.copyOf(all);
    }

    private Set<String> queued(String user, java.util.List<String> groups) {
        String[] instances = board.openQuery(user, groups).orderByTaskCreateTime().desc().listPage(0, LIMIT).stream()
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
