package org.careloop.engine.handoff;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.careloop.engine.contact.InvalidContacts;
import org.careloop.processes.ProcessVariables;
import org.careloop.rules.triage.HandoffPriority;
import org.careloop.rules.triage.Team;
import org.springframework.stereotype.Component;

/**
 * A patient's number cannot take messages: a care coordinator gets the patient, once per number, to reach them
 * another way and have the EHR updated. Until the record holds a number that works, nothing more is sent.
 */
@Component
class ContactHandoffs implements InvalidContacts.Listener {

    private final RuntimeService runtime;

    ContactHandoffs(RuntimeService runtime) {
        this.runtime = runtime;
    }

    @Override
    public void contactInvalid(String patientId, String phoneNumber, String reason) {
        if (patientId == null) {
            return;
        }
        runtime.startProcessInstanceByKey(
                OpenHandoffs.PROCESS_KEY,
                "contact:" + patientId,
                Variables.createVariables()
                        .putValue(ProcessVariables.HANDOFF_TEAM, Team.CARE_COORDINATOR.group())
                        .putValue(ProcessVariables.HANDOFF_PRIORITY, HandoffPriority.ROUTINE)
                        .putValue(
                                ProcessVariables.HANDOFF_REASON,
                                phoneNumber != null && phoneNumber.contains("@")
                                        ? "The email address on file cannot take email (" + reason
                                                + "). Reach the patient another way and have the address updated in "
                                                + "the EHR; no more emails go to it."
                                        : "The mobile number on file cannot take text messages (" + reason
                                                + "). Reach the patient another way and have the number updated in "
                                                + "the EHR; no more texts go to it.")
                        .putValue(ProcessVariables.PATIENT_ID, patientId));
    }
}
