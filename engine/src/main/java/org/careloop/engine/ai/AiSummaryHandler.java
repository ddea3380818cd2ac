package org.careloop.engine.ai;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.careloop.engine.outbox.OutboxHandler;
import org.springframework.stereotype.Component;

/**
 * After a handoff task is created (and its transaction committed), asks the AI gateway for a summary and a
 * suggested route, and keeps them as the task's local variables {@code aiSummary} and {@code aiRoute} for staff.
 * The call runs on a thread of its own, so a slow model never delays a patient's reply in the outbox; the summary
 * is optional, so a call that fails is logged and dropped, and the task never waits for it.
 */
@Component
public class AiSummaryHandler implements OutboxHandler, org.springframework.beans.factory.DisposableBean {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AiSummaryHandler.class);
    private final java.util.concurrent.ThreadPoolExecutor calls = new java.util.concurrent.ThreadPoolExecutor(1, 1, 0,
            java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.ArrayBlockingQueue<>(1000), r -> {
                Thread thread = new Thread(r, "careloop-ai");
                thread.setDaemon(true);
                return thread;
            }, (r, pool) -> log.warn("AI summaries are backed up; one handoff goes without a summary"));

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
        if (gateway.enabled()) {
            calls.execute(() -> {
                try {
                    summarise(taskId);
                } catch (RuntimeException e) {
                    if (tasks.createTaskQuery().taskId(taskId).count() == 0) {
                        log.debug("Task {} ended before its summary was made", taskId);
                    } else {
                        log.warn("No AI summary for task {}: {}", taskId, e.getClass().getSimpleName());
                    }
                }
            });
        }
    }

    @Override
    public void destroy() {
        calls.shutdownNow();
    }

    private void summarise(String taskId) {
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
