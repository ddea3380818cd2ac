package org.careloop.engine.handoff;

import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;

/**
 * The variables a task sees (its patient, reply, team), read whole. When a parallel branch of the task's process ends
 * (the acknowledgement beside a handoff), the engine moves the task to the process's remaining execution and deletes
 * the one it was on. A read that found the task on its old execution and then looked for that execution finds
 * nothing and returns the task without its process's variables: a page without its patient, a follow-up carried over
 * without its team. Such a read is made again once the task has its new execution.
 */
public final class TaskVariables {

    private TaskVariables() {}

    /**
     * @return the variables visible from the task, as of one execution the task stayed on while they were read
     * @throws org.camunda.bpm.engine.exception.NullValueException if there is no such task
     */
    public static Map<String, Object> of(TaskService tasks, String taskId) {
        for (int attempt = 1; ; attempt++) {
            String before = executionOf(tasks, taskId);
            Map<String, Object> variables = tasks.getVariables(taskId);
            if (Objects.equals(before, executionOf(tasks, taskId)) || attempt >= TaskChanges.ATTEMPTS) {
                return variables;
            }
        }
    }

    /** @return the execution the task is on now, or null for a task of no process (or no task) */
    public static String executionOf(TaskService tasks, String taskId) {
        Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
        return task == null ? null : task.getExecutionId();
    }
}
