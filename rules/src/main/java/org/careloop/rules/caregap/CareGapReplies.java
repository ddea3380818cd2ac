package org.careloop.rules.caregap;

import org.careloop.rules.decisions.RuleSessions;
import org.careloop.rules.triage.ProgramAnswer;
import org.careloop.rules.triage.TriageDecision;
import org.kie.api.KieBase;

/** Decides what the care-gap program does with a reply, with the DRL rule set {@code care-gap-reply.drl}. */
public final class CareGapReplies {

    private final KieBase kieBase;

    public CareGapReplies(KieBase kieBase) {
        this.kieBase = kieBase;
    }

    /** @param gap the care gap the patient was invited to close */
    public ProgramAnswer decide(TriageDecision triaged, String gap) {
        return RuleSessions.decide(
                kieBase, ProgramAnswer.class, "The care-gap reply rules", triaged, new CareGapInvitation(gap));
    }
}
