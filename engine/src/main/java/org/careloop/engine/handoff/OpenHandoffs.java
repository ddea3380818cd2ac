package org.careloop.engine.handoff;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.variable.Variables;
import org.careloop.processes.ProcessVariables;
import org.springframework.stereotype.Component;

/**
 * Follow-ups a person still holds when the program that raised them ends early (a newer discharge, a cancelled
 * appointment): they move to the stand-alone handoff process ({@code careloop-handoff.bpmn}), so nothing a patient
 * told the care team is dropped with the program.
 */
@Component
public class OpenHandoffs {

    /** A handoff on its own, for follow-ups that outlive their program. */
    public static final String PROCESS_KEY = "careloop-handoff";

    private final RuntimeService runtime;
    private final TaskService tasks;

    OpenHandoffs(RuntimeService runtime, TaskService tasks) {
        this.runtime = runtime;
        this.tasks = tasks;
    }

    /**
     * Moves every open handoff of a process instance (and of the conversations it called) to a handoff of its own,
     * with the same team, priority, patient, reply and assignee, and the reason it moved; the caller then ends the
     * instance, which cancels the originals. Call it in the transaction that ends the instance.
     */
    public void carryOver(String programInstanceId, String reason) {
        List<String> instances = new java.util.ArrayList<>();
        instances.add(programInstanceId);
        runtime.createProcessInstanceQuery().superProcessInstanceId(programInstanceId).list().stream()
                .map(org.camunda.bpm.engine.runtime.ProcessInstance::getId)
                .forEach(instances::add);
        for (String instance : instances) {
            for (org.camunda.bpm.engine.task.Task open :
                    tasks.createTaskQuery().processInstanceId(instance).list()) {
                Map<String, Object> vars = TaskVariables.of(tasks, runtime, open.getId());
                Object team = vars.get(ProcessVariables.HANDOFF_TEAM);
                if (team == null) {
                    continue; // not a handoff
                }
                Object was = vars.get(ProcessVariables.HANDOFF_REASON);
                var carried = Variables.createVariables()
                        .putValue(ProcessVariables.HANDOFF_TEAM, team)
                        .putValue(ProcessVariables.HANDOFF_PRIORITY, open.getPriority())
                        .putValue(
                                ProcessVariables.HANDOFF_REASON,
                                (was == null ? open.getName() : was) + ". " + reason + "; carried over")
                        .putValue(ProcessVariables.PATIENT_ID, vars.get(ProcessVariables.PATIENT_ID))
                        .putValue(ProcessVariables.ENROLMENT_ID, vars.get(ProcessVariables.ENROLMENT_ID))
                        .putValue(ProcessVariables.PROGRAM, vars.get(ProcessVariables.PROGRAM));
                for (String name : List.of(ProcessVariables.REPLY_BODY, ProcessVariables.REPLY_MESSAGE_ID)) {
                    if (vars.get(name) != null) {
                        carried.putValue(name, vars.get(name));
                    }
                }
                String started = runtime.startProcessInstanceByKey(PROCESS_KEY, "handoff:" + open.getId(), carried)
                        .getId();
                if (open.getAssignee() != null) {
                    tasks.createTaskQuery()
                            .processInstanceId(started)
                            .list()
                            .forEach(t -> tasks.setAssignee(t.getId(), open.getAssignee()));
                }
            }
        }
    }
}
