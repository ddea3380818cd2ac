package org.careloop.rules.chronic;

import org.careloop.rules.decisions.RuleSessions;
import org.careloop.rules.triage.ProgramAnswer;
import org.careloop.rules.triage.TriageDecision;
import org.kie.api.KieBase;

/**
 * Decides what a chronic-disease check-in does with a reply, with the DRL rule set {@code checkin-reply.drl}: the
 * triage's verdict on the words and the thresholds' verdict on the value, the more urgent first. Thread-safe.
 */
public final class CheckInReplies {

    private final KieBase kieBase;

    public CheckInReplies(KieBase kieBase) {
        this.kieBase = kieBase;
    }

    /** @param reading the value the reply held, as judged, or null when it held none */
    public ProgramAnswer decide(TriageDecision triaged, JudgedReading reading) {
        return RuleSessions.decide(kieBase, ProgramAnswer.class, "The check-in rules", triaged, reading);
    }
}
