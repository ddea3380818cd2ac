package org.careloop.engine.handoff;

import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.task.Task;

/**
 * The variables a task sees (its patient, reply, team), read whole. When a parallel branch of the task's process ends
 * (the acknowledgement beside a handoff, the program going on beside a call task), the engine deletes the branch's
 * execution and moves what was under the other branch up to the process instance. A read of the task's variables in
 * that moment can find the task (or its own scope) pointing to the execution just deleted. For a task on that
 * execution, Camunda then returns the task's own variables only: a page without its patient, a follow-up carried over
 * without its team. So the variables of the task's process instance, which outlives every branch, are added to what
 * the engine returned, each where no nearer scope set that name (as the engine itself resolves them). For a task with
 * a scope of its own under that execution, Camunda refuses the read ("perhaps it was deleted in the meantime"): it is
 * made again, and finds the task's scope under the process instance.
 */
public final class TaskVariables {

    private TaskVariables() {}

    /**
     * @return the variables visible from the task
     * @throws NullValueException if there is no such task
     */
    public static Map<String, Object> of(TaskService tasks, RuntimeService runtime, String taskId) {
        Map<String, Object> variables = new LinkedHashMap<>(read(tasks, taskId));
        Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
        String instance = task == null ? null : task.getProcessInstanceId();
        if (instance != null) {
            try {
                runtime.getVariables(instance).forEach((name, value) -> {
                    if (!variables.containsKey(name)) {
                        variables.put(name, value);
                    }
                });
            } catch (NullValueException ended) {
                // the process ended since: the task's own variables are all it has
            }
        }
        return variables;
    }

    private static Map<String, Object> read(TaskService tasks, String taskId) {
        for (int attempt = 1; ; attempt++) {
            try {
                return tasks.getVariables(taskId);
            } catch (NullValueException noSuchTask) {
                throw noSuchTask;
            } catch (ProcessEngineException scopeMoved) {
                if (attempt >= TaskChanges.ATTEMPTS) {
                    throw scopeMoved;
                }
            }
        }
    }
}
