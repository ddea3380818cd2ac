package org.careloop.rules.triage;

/**
 * What a program does with a reply, as its rule set decides: the approved answer the patient gets and who follows up.
 *
 * @param team     the group of the person who follows up, or {@code null} when nobody needs to
 * @param priority the follow-up's priority on the one handoff scale, 0 when there is none
 */
public record ProgramAnswer(String acknowledgement, String team, int priority, String reason) {}
