package org.careloop.engine.ai;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.careloop.engine.outbox.OutboxHandler;
import org.careloop.processes.ProcessVariables;
import org.springframework.stereotype.Component;

/**
 * After a handoff task is created (and its transaction committed), asks the AI gateway for a summary and a
 * suggested route, and keeps them beside the task ({@code handoff_summary}) for staff.
 * The call runs in the outbox's AI lane, so a slow model never delays a patient's reply; the summary is optional,
 * so a call that fails is logged and dropped, and the task never waits for it.
 */
@Component
public class AiSummaryHandler implements OutboxHandler<SummaryRequested> {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AiSummaryHandler.class);
    private final AiGateway gateway;
    private final TaskService tasks;
    private final org.springframework.jdbc.core.JdbcTemplate jdbc;
    private final java.time.Clock clock;
    private final org.careloop.engine.crypto.PhiCipher cipher;

    AiSummaryHandler(
            AiGateway gateway,
            TaskService tasks,
            @org.springframework.beans.factory.annotation.Qualifier("engineJdbc")
                    org.springframework.jdbc.core.JdbcTemplate jdbc,
            java.time.Clock clock,
            org.careloop.engine.crypto.PhiCipher cipher) {
        this.cipher = cipher;
        this.gateway = gateway;
        this.tasks = tasks;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The summary staff see on a task, if the gateway made one. */
    public java.util.Optional<AiGateway.Suggestion> summaryOf(String taskId) {
        return jdbc.query(
                "select summary, route from handoff_summary where task_id = ?",
                rs -> rs.next()
                        ? java.util.Optional.of(new AiGateway.Suggestion(
                                cipher.open(rs.getString(1), org.careloop.engine.crypto.PhiCipher.HANDOFF_SUMMARY),
                                rs.getString(2)))
                        : java.util.Optional.<AiGateway.Suggestion>empty(),
                taskId);
    }

    @Override
    public Class<SummaryRequested> eventType() {
        return SummaryRequested.class;
    }

    /**
     * Optional work: a failure of the model is logged and dropped, never retried, and the task never waits for it.
     * Only a task or a patient record that could not be read yet is tried again by the outbox (the model is never
     * called without the patient's record to redact against).
     */
    @Override
    public void handle(SummaryRequested event) {
        String taskId = event.taskId();
        if (!gateway.enabled()) {
            return;
        }
        Task task = tasks.createTaskQuery().taskId(taskId).singleResult();
        if (task == null) {
            return; // done before the summary could help
        }
        String reply;
        String patientId;
        String replyMessageId;
        try {
            java.util.Map<String, Object> variables = tasks.getVariables(taskId);
            Task now = tasks.createTaskQuery().taskId(taskId).singleResult();
            if (now != null && !java.util.Objects.equals(now.getExecutionId(), task.getExecutionId())) {
                // the acknowledgement beside the task ended meanwhile and the engine moved the task: what was read
                // may lack the process's variables (see handoff's TaskVariables)
                throw new IllegalStateException("Task " + taskId + " moved while it was read");
            }
            reply = (String) variables.get(ProcessVariables.REPLY_BODY);
            patientId = (String) variables.get(ProcessVariables.PATIENT_ID);
            replyMessageId = (String) variables.get(ProcessVariables.REPLY_MESSAGE_ID);
        } catch (RuntimeException notReadableYet) {
            // the task's process was not readable at this moment: the outbox tries again shortly
            throw new IllegalStateException("Task " + taskId + " could not be read yet", notReadableYet);
        }
        try {
            summarise(task, reply, patientId, replyMessageId);
        } catch (AiGateway.PatientNotReadable notYet) {
            // the model was not called: the outbox tries again shortly, when the record can be read
            throw notYet;
        } catch (RuntimeException e) {
            if (tasks.createTaskQuery().taskId(taskId).count() == 0) {
                log.debug("Task {} ended before its summary was made", taskId);
            } else {
                log.warn("No AI summary for task {}: {}", taskId, e.getClass().getSimpleName());
            }
        }
    }

    private void summarise(Task task, String reply, String patientId, String replyMessageId) {
        String taskId = task.getId();
        gateway.suggest(reply, patientId, taskId, replyMessageId, "process " + task.getProcessInstanceId())
                .ifPresent(s -> jdbc.update(
                        "insert into handoff_summary (task_id, summary, route, created_at) values (?, ?, ?, ?)",
                        taskId,
                        cipher.seal(truncate(s.summary(), 1000), org.careloop.engine.crypto.PhiCipher.HANDOFF_SUMMARY),
                        truncate(s.route(), 40),
                        java.sql.Timestamp.from(clock.instant())));
    }

    private static String truncate(String value, int length) {
        return value == null || value.length() <= length ? value : value.substring(0, length);
    }
}
