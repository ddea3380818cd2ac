package org.careloop.rules.triage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.careloop.rules.language.Interpretation;
import org.careloop.rules.language.Interpreter;
import org.careloop.rules.language.MessageKeyword;
import org.careloop.rules.language.ReplyClassifier;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;

/**
 * Reads a patient's reply with the interpreter and the DRL rule set {@code reply-triage.drl} and says what to do
 * with it. Thread-safe: each call uses its own short-lived session over the shared knowledge base.
 */
public final class ReplyTriage {

    /** The concept the rules read as a request in words to stop messages. */
    private static final String OPT_OUT_CONCEPT = "opt-out";

    private final java.util.function.Supplier<KieBase> rules;
    private final Interpreter interpreter;
    private final ReplyClassifier classifier;

    public ReplyTriage(KieBase kieBase) {
        this(kieBase, Interpreter.standard(), ReplyClassifier.trained());
    }

    public ReplyTriage(KieBase kieBase, Interpreter interpreter, ReplyClassifier classifier) {
        this(() -> kieBase, interpreter, classifier);
    }

    /** @param rules the rule set in force at each call (a deployed version may replace it while CareLoop runs) */
    public ReplyTriage(java.util.function.Supplier<KieBase> rules) {
        this(rules, Interpreter.standard(), ReplyClassifier.trained());
    }

    public ReplyTriage(
            java.util.function.Supplier<KieBase> rules, Interpreter interpreter, ReplyClassifier classifier) {
        this.rules = rules;
        this.interpreter = interpreter;
        this.classifier = classifier;
    }

    public TriageDecision triage(String replyBody) {
        return triage(replyBody, null);
    }

    /**
     * @param language the patient's preferred language (BCP 47, e.g. {@code es}), or null; it only helps to read
     *                 shorthand, since every language of the lexicon is read
     */
    public TriageDecision triage(String replyBody, String language) {
        return triage(replyBody, language, 0);
    }

    /**
     * @param clarificationsAsked how many times this conversation already asked the patient to say more: once
     *                            asked, a reply that is still not understood goes to a person
     */
    public TriageDecision triage(String replyBody, String language, int clarificationsAsked) {
        return triageAsking(replyBody, () -> language, clarificationsAsked);
    }

    /**
     * Triages as {@link #triage(String, String, int)} does, asking for the patient's language only when a word of
     * the reply is shorthand, the one case in which it changes the reading.
     */
    public TriageDecision triageAsking(
            String replyBody, java.util.function.Supplier<String> language, int clarificationsAsked) {
        return decide(interpreter.readAsking(replyBody, language), clarificationsAsked);
    }

    /**
     * What a reply asks of CareLoop as it arrives, from one reading: the keyword it is, if the whole reply is one, and
     * whether {@link #triage} would read it as a request to stop messages ({@link TriageAction#OPT_OUT}). The rules
     * decide that only for a reply whose reading holds what every opt-out decision of theirs needs — a keyword, or a
     * request in words to stop that is not denied; for any other reply they are not started. {@code
     * ReplyTriageRulesTest} holds the two answers equal over every known reply. The patient's language is asked for
     * only when it could change the reading (a word of the reply is shorthand).
     */
    public Screening screen(String replyBody, java.util.function.Supplier<String> language) {
        Interpretation interpretation = interpreter.readAsking(replyBody, language);
        boolean mayBe = interpretation.keyword() != null
                || interpretation.mentions().stream()
                        .anyMatch(m -> OPT_OUT_CONCEPT.equals(m.getConcept()) && !m.isNegated());
        return new Screening(
                new ReplyText(interpretation),
                mayBe && decide(interpretation, 0).action() == TriageAction.OPT_OUT);
    }

    /** A reply as it arrives: its keyword, if any, and whether it asks to stop messages. */
    public record Screening(ReplyText text, boolean asksToStop) {}

    private TriageDecision decide(Interpretation interpretation, int clarificationsAsked) {
        KieSession session = rules.get().newKieSession();
        try {
            session.insert(new ReplyText(interpretation));
            session.insert(new Conversation(clarificationsAsked));
            session.insert(classifier.classify(interpretation.normalised()));
            if (interpretation.keyword() != null) {
                session.insert(new MessageKeyword(interpretation.keyword()));
            }
            interpretation.mentions().forEach(session::insert);
            interpretation.unresolved().forEach(session::insert);
            interpretation.denied().forEach(term -> session.insert(new DeniedTerm(term)));
            interpretation.values().forEach(session::insert);
            session.fireAllRules();
            List<TriageDecision> decisions = new ArrayList<>();
            List<Finding> findings = new ArrayList<>();
            for (Object fact : session.getObjects()) {
                if (fact instanceof TriageDecision d) {
                    decisions.add(d);
                } else if (fact instanceof Finding f) {
                    findings.add(f);
                }
            }
            if (decisions.size() != 1) {
                throw new IllegalStateException(
                        "Triage rules must reach exactly one decision, reached " + decisions.size());
            }
            TriageDecision decision = decisions.get(0);
            return new TriageDecision(
                    decision.action(),
                    decision.severity(),
                    decision.team(),
                    decision.priority(),
                    decision.acknowledgement(),
                    reasons(findings, decision));
        } finally {
            session.dispose();
        }
    }

    private static List<String> reasons(List<Finding> findings, TriageDecision decision) {
        Map<String, String> byCode = new LinkedHashMap<>();
        findings.stream()
                .filter(f -> f.getSeverity() != Severity.NONE)
                .sorted(Comparator.comparing(Finding::getSeverity).thenComparing(Finding::getCode))
                .forEach(f -> byCode.putIfAbsent(f.getCode(), f.getReason()));
        return byCode.isEmpty() ? decision.reasons() : List.copyOf(byCode.values());
    }
}
