package org.careloop.processes;

/** The job priorities the models use (Camunda's {@code camunda:jobPriority}); a job without one has priority 0. */
public final class JobPriorities {

    /**
     * A step that answers what the patient just wrote (an acknowledgement, a clarifying question). The job executor
     * takes such jobs before a campaign's, and the node that read the reply runs them itself as soon as the reply's
     * transaction commits.
     */
    public static final int ANSWER = 100;

    private JobPriorities() {}
}
