package org.careloop.engine.handoff;

import java.time.Clock;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.task.IdentityLink;
import org.careloop.engine.fhir.HandoffSnapshot;
import org.careloop.engine.outbox.Outbox;
import org.careloop.processes.ProcessBeans;
import org.careloop.processes.ProcessVariables;
import org.springframework.stereotype.Component;

/**
 * BPMN task listener on every handoff user task: each create, assignment, completion and deletion puts a
 * snapshot of the task in the outbox, in the same transaction as the care-team member's action, to be
 * mirrored as a FHIR {@code Task} after the commit.
 */
@Component(ProcessBeans.HANDOFF_TASK_LISTENER)
class HandoffTaskListener implements TaskListener {

    private final Outbox outbox;
    private final Clock clock;
    private final org.careloop.engine.ai.AiGateway ai;

    HandoffTaskListener(Outbox outbox, Clock clock, org.careloop.engine.ai.AiGateway ai) {
        this.outbox = outbox;
        this.clock = clock;
        this.ai = ai;
    }

    @Override
    public void notify(DelegateTask task) {
        String event = task.getEventName();
        if (event == null) {
            // Camunda names the event only for a task whose execution it finds: this one's process moved on in
            // another transaction (an acknowledgement ending beside a claim), which the engine then reports as a
            // conflict on the task; nothing to mirror
            return;
        }
        String status = switch (event) {
            case EVENTNAME_COMPLETE -> "completed";
            case EVENTNAME_DELETE -> "cancelled";
            default -> task.getAssignee() == null ? "requested" : "accepted";
        };
        String team = (String) task.getVariable(ProcessVariables.HANDOFF_TEAM);
        if (team == null) {
            team = task.getCandidates().stream()
                    .map(IdentityLink::getGroupId)
                    .filter(g -> g != null)
                    .findFirst()
                    .orElse(null);
        }
        HandoffSnapshot snapshot = new HandoffSnapshot(
                task.getId(),
                task.getName(),
                (String) task.getVariable(ProcessVariables.PATIENT_ID),
                (String) task.getVariable(ProcessVariables.ENROLMENT_ID),
                team,
                task.getAssignee(),
                task.getPriority(),
                (String) task.getVariable(ProcessVariables.HANDOFF_REASON),
                status,
                EVENTNAME_COMPLETE.equals(event) ? (String) task.getVariable(ProcessVariables.HANDOFF_OUTCOME) : null,
                (String) task.getVariable(ProcessVariables.REPLY_MESSAGE_ID),
                task.getCreateTime().toInstant(),
                clock.instant());
        outbox.enqueue(new HandoffChanged(snapshot));
        if (EVENTNAME_CREATE.equals(event) && ai.enabled() && task.getVariable(ProcessVariables.REPLY_BODY) != null) {
            outbox.enqueue(new org.careloop.engine.ai.SummaryRequested(
                    task.getId(), snapshot.patientId())); // after the Task it refers to
        }
    }
}
