package org.careloop.rules.decisions;

import java.util.ArrayList;
import java.util.List;
import org.kie.api.runtime.KieSession;

/** What a rule set concluded, read from its session after the rules fired. */
public final class RuleSessions {

    private RuleSessions() {}

    /**
     * @return the one fact of that type the rules inserted
     * @throws IllegalStateException when the rules reached none or several: a rule set that does not decide
     */
    public static <T> T exactlyOne(KieSession session, Class<T> type, String ruleSet) {
        List<T> found = new ArrayList<>();
        for (Object fact : session.getObjects()) {
            if (type.isInstance(fact)) {
                found.add(type.cast(fact));
            }
        }
        if (found.size() != 1) {
            throw new IllegalStateException(
                    ruleSet + " must reach exactly one " + type.getSimpleName() + ", reached " + found.size());
        }
        return found.get(0);
    }

    /**
     * Runs a rule set over the facts in a short-lived session and returns the one conclusion of that type it reached.
     *
     * @throws IllegalStateException when the rules reached none or several
     */
    public static <T> T decide(org.kie.api.KieBase rules, Class<T> type, String ruleSet, Object... facts) {
        KieSession session = rules.newKieSession();
        try {
            for (Object fact : facts) {
                if (fact != null) {
                    session.insert(fact);
                }
            }
            session.fireAllRules();
            return exactlyOne(session, type, ruleSet);
        } finally {
            session.dispose();
        }
    }
}
