package org.careloop.engine.handoff;

import java.time.Clock;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.task.IdentityLink;
import org.careloop.engine.fhir.HandoffSnapshot;
import org.careloop.engine.outbox.Outbox;
import org.springframework.stereotype.Component;

/**
 * BPMN task listener on every handoff user task: each create, assignment, completion and deletion puts a
 * snapshot of the task in the outbox, in the same transaction as the care-team member's action, to be
 * mirrored as a FHIR {@code Task} after the commit.
 */
@Component("handoffTaskListener")
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
        String status = switch (event) {
            case EVENTNAME_COMPLETE -> "completed";
            case EVENTNAME_DELETE -> "cancelled";
            default -> task.getAssignee() == null ? "requested" : "accepted";
        };
        String team = (String) task.getVariable("handoffTeam");
        if (team == null) {
            team = task.getCandidates().stream().map(IdentityLink::getGroupId).filter(g -> g != null).findFirst().orElse(null);
        }
        HandoffSnapshot snapshot = new HandoffSnapshot(task.getId(), task.getName(), (String) task.getVariable("patientId"),
                (String) task.getVariable("enrolmentId"), team, task.getAssignee(), task.getPriority(),
                (String) task.getVariable("handoffReason"), status,
                EVENTNAME_COMPLETE.equals(event) ? (String) task.getVariable("handoffOutcome") : null,
                (String) task.getVariable("replyMessageId"), task.getCreateTime().toInstant(), clock.instant());
        outbox.enqueue(new HandoffChanged(snapshot));
        if (EVENTNAME_CREATE.equals(event) && ai.enabled() && task.getVariable("replyBody") != null) {
            outbox.enqueue(new org.careloop.engine.ai.SummaryRequested(task.getId(), snapshot.patientId())); // after the Task it refers to
        }
    }
}
