package org.careloop.engine.handoff;

import java.util.function.Supplier;
import org.camunda.bpm.engine.OptimisticLockingException;

/**
 * A care-team member's change to a task (claim, give back, hand on, complete), tried again when the engine changed
 * the same task meanwhile. The engine changes a task on its own when a parallel branch of its process ends: the
 * acknowledgement to the patient runs beside the handoff task, and when it ends the engine moves the task to the
 * process's remaining execution. A nurse who claims the task in that moment would otherwise be told her change failed.
 * The change is made again in a fresh transaction; what it checks (held by someone else, already completed) is
 * checked again then, so a real conflict between two people still fails with its own message. The acknowledgement's
 * job, which meets the same moment from the other side, is run again the same way ({@code AnswerJobs}).
 */
public final class TaskChanges {

    /** Attempts in all; the engine's own change is one short transaction, so a second attempt nearly always wins. */
    static final int ATTEMPTS = 4;

    private TaskChanges() {}

    /** Makes the change, again if the engine moved the task while it was being made. */
    public static <T> T retriedOnConflict(Supplier<T> change) {
        for (int attempt = 1; ; attempt++) {
            try {
                return change.get();
            } catch (OptimisticLockingException conflict) {
                if (attempt >= ATTEMPTS) {
                    throw conflict;
                }
                pause(attempt);
            }
        }
    }

    /** Makes the change, again if the engine moved the task while it was being made. */
    public static void retriedOnConflict(Runnable change) {
        retriedOnConflict(() -> {
            change.run();
            return null;
        });
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(10L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while making a task change", e);
        }
    }
}
