package org.careloop.forms.admin;

import java.time.Instant;
import java.util.List;

/** What the programs page needs from the engine: what runs, in which version, and a way to deploy a changed model. */
public interface ProgramAdmin {

    /** The newest version of one process model and how many instances of any of its versions are active. */
    record Program(
            String key,
            String name,
            int version,
            Instant deployedAt,
            String deploymentSource,
            long activeInstances,
            String cockpit) {}

    /** One stored version of a decision model or rule set. */
    record Version(int version, String deployedBy, Instant deployedAt) {}

    /**
     * A decision table (DMN) or rule set (DRL) that can be replaced while CareLoop runs.
     *
     * @param versionInUse the version deciding on this node; 0 is the model CareLoop was built with
     */
    record Decision(String decisionId, String kind, int versionInUse, List<Version> deployments) {}

    /** The outcome of one upload: what now runs, or every reason it was refused (then nothing changed). */
    record Deployed(boolean refused, String summary, List<String> problems) {}

    List<Program> programs();

    List<Decision> decisions();

    /**
     * Deploys one model file: {@code .bpmn} as a process model, {@code <decision-id>.dmn} or {@code
     * <rule-set-id>.drl} as that decision's next version.
     */
    Deployed deploy(String fileName, byte[] content, String user, List<String> groups);
}
