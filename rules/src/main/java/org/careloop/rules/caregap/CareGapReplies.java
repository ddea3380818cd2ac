package org.careloop.rules.caregap;

import org.careloop.rules.decisions.RuleSessions;
import org.careloop.rules.triage.ProgramAnswer;
import org.careloop.rules.triage.TriageDecision;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;

/** Decides what the care-gap program does with a reply, with the DRL rule set {@code care-gap-reply.drl}. */
public final class CareGapReplies {

    private final KieBase kieBase;

    public CareGapReplies(KieBase kieBase) {
        this.kieBase = kieBase;
    }

    /** @param gap the care gap the patient was invited to close */
    public ProgramAnswer decide(TriageDecision triaged, String gap) {
        KieSession session = kieBase.newKieSession();
        try {
            session.insert(triaged);
            session.insert(new CareGapInvitation(gap));
            session.fireAllRules();
            return RuleSessions.exactlyOne(session, ProgramAnswer.class, "The care-gap reply rules");
        } finally {
            session.dispose();
        }
    }
}
