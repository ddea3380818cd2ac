package org.careloop.rules.appointment;

import org.careloop.rules.triage.TriageDecision;

/**
 * The rules' reading of a reply to an appointment reminder.
 *
 * @param intent what the patient asks for
 * @param triage the reply triage's own verdict, which decides the team and the acknowledgement of a clinical reply
 * @param reason why, in words, for the care team
 */
public record AppointmentAnswer(AppointmentIntent intent, TriageDecision triage, String reason) {}
