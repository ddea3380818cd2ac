package org.careloop.rules.triage;

import java.util.List;

/**
 * The rules' verdict on one reply.
 *
 * @param action          what the program does next
 * @param severity        the most urgent finding
 * @param team            the candidate group of the handoff task, or {@code null} when there is none
 * @param priority        the handoff task's priority (0–100, higher is sooner), 0 when there is no handoff
 * @param acknowledgement the id of the approved message template the patient receives, or {@code null}
 * @param reasons         human-readable reasons, most urgent first, for the handoff summary
 */
public record TriageDecision(
        TriageAction action,
        Severity severity,
        String team,
        int priority,
        String acknowledgement,
        List<String> reasons) {

    public TriageDecision {
        reasons = List.copyOf(reasons);
    }

    public boolean handoff() {
        return team != null;
    }

    public String reasonText() {
        return String.join("; ", reasons);
    }
}
