package org.careloop.engine.ai;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.careloop.engine.outbox.OutboxHandler;
import org.springframework.stereotype.Component;

/**
 * After a handoff task is created (and its transaction committed), asks the AI gateway for a summary and a
 * suggested route, and keeps them as the task's local variables {@code aiSummary} and {@code aiRoute} for staff.
 * A failed call is retried by the outbox; the task itself never waits for it.
 */
@Component
public class AiSummaryHandler implements OutboxHandler {

    public static final String KIND = "ai-summary";

    private final AiGateway gateway;
    private final TaskService tasks;

    AiSummaryHandler(AiGateway gateway, TaskService tasks) {
        this.gateway = gateway;
        this.tasks = tasks;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void handle(String taskId) {
        Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
        if (task == null) {
            return; // done before the summary could help
        }
        String reply = (String) tasks.getVariable(taskId, "replyBody");
        String patientId = (String) tasks.getVariable(taskId, "patientId");
        String replyMessageId = (String) tasks.getVariable(taskId, "replyMessageId");
        gateway.suggest(reply, patientId, taskId, replyMessageId, "process " + task.getProcessInstanceId()).ifPresent(s -> {
            tasks.setVariableLocal(taskId, "aiSummary", s.summary());
            tasks.setVariableLocal(taskId, "aiRoute", s.route());
        });
    }
}
