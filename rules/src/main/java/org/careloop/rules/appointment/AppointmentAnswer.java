package org.careloop.rules.appointment;

import org.careloop.rules.triage.TriageDecision;

/**
 * The rules' reading of a reply to an appointment reminder, and what the program does with it.
 *
 * @param intent          what the patient asks for
 * @param triage          the reply triage's own verdict
 * @param reason          why, in words, for the care team
 * @param acknowledgement the approved message template the patient receives
 * @param team            the group of the person who follows up, or {@code null} when nobody needs to
 * @param priority        the follow-up's priority on the one handoff scale, 0 when there is none
 */
public record AppointmentAnswer(
        AppointmentIntent intent,
        TriageDecision triage,
        String reason,
        String acknowledgement,
        String team,
        int priority) {}
