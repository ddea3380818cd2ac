package org.careloop.engine.conversation;

import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.careloop.processes.JobPriorities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The answer to a reply is a job of its own ({@link JobPriorities#ANSWER}), so a failure to answer never undoes the
 * reading of the reply nor the nurse's task. Waiting for the job executor to acquire it, though, put the answer behind
 * a campaign's jobs. So the node that read the reply runs the answer's job itself as soon as the reply's transaction
 * has committed; until then the job is held a few seconds from the job executors of every node ({@link #hold}),
 * which take it as before if this node stops first or the job fails (it then retries as its model says).
 */
@Component
class AnswerJobs {

    private static final Logger log = LoggerFactory.getLogger(AnswerJobs.class);
    /** How long an answer's job waits for its node before any job executor may take it. */
    static final long HELD_MILLIS = 10_000;

    private final ManagementService management;

    AnswerJobs(ManagementService management) {
        this.management = management;
    }

    /**
     * Inside the transaction that correlated a reply: the process instance's answer jobs that are due now, held back
     * from the job executors.
     *
     * @return their ids, for {@link #run} once the transaction has committed
     */
    List<String> hold(String processInstanceId) {
        if (processInstanceId == null) {
            return List.of();
        }
        List<String> ids = management
                .createJobQuery()
                .processInstanceId(processInstanceId)
                .messages()
                .active()
                .executable()
                .priorityHigherThanOrEquals(JobPriorities.ANSWER)
                .list()
                .stream()
                .map(Job::getId)
                .toList();
        Date later = new Date(ClockUtil.getCurrentTime().getTime() + HELD_MILLIS);
        ids.forEach(id -> management.setJobDuedate(id, later));
        return ids;
    }

    /**
     * Runs the held jobs on this thread, outside any transaction; one that fails is left to its retries. One whose
     * process changed under it meanwhile (a nurse claimed the task beside the answer as the answer's branch ended) was
     * undone whole, nothing sent, and is run again at once rather than after the hold.
     */
    void run(List<String> jobIds) {
        for (String id : jobIds) {
            try {
                org.careloop.engine.handoff.TaskChanges.retriedOnConflict(() -> management.executeJob(id));
            } catch (RuntimeException e) {
                // the engine has recorded the failure on the job, which a job executor retries as its model says
                log.warn(
                        "Answer job {} failed on the node that read the reply: {}",
                        id,
                        e.getClass().getSimpleName());
            }
        }
    }
}
