package org.careloop.rules.appointment;

import org.careloop.rules.decisions.RuleSessions;
import org.careloop.rules.language.Interpretation;
import org.careloop.rules.language.Interpreter;
import org.careloop.rules.language.MessageKeyword;
import org.careloop.rules.triage.ReplyTriage;
import org.careloop.rules.triage.TriageDecision;
import org.kie.api.KieBase;

/**
 * Reads a reply to an appointment reminder: the reply triage first (a red flag is never read as "confirm"), then
 * the DRL rule set {@code appointment-reply.drl} over the triage's verdict, the whole-message keyword (C, R, X, YES)
 * and the concepts the interpreter found ("I'll be there", "can we move my appointment", "cancel my appointment").
 * Thread-safe.
 */
public final class AppointmentReplies {

    private final java.util.function.Supplier<KieBase> rules;
    private final ReplyTriage triage;
    private final Interpreter interpreter;

    public AppointmentReplies(KieBase kieBase, ReplyTriage triage) {
        this(() -> kieBase, triage);
    }

    /** @param rules the rule set in force at each call (a deployed version may replace it while CareLoop runs) */
    public AppointmentReplies(java.util.function.Supplier<KieBase> rules, ReplyTriage triage) {
        this.rules = rules;
        this.triage = triage;
        this.interpreter = Interpreter.standard();
    }

    /**
     * @param language the patient's preferred language, or null
     */
    public AppointmentAnswer read(String reply, String language) {
        return read(reply, language, false);
    }

    /**
     * @param language  the patient's preferred language, or null
     * @param procedure whether the reminder was for a procedure's preparation rather than a visit
     */
    public AppointmentAnswer read(String reply, String language, boolean procedure) {
        return read(reply, language, procedure, true);
    }

    /**
     * @param booked whether an appointment is booked; false while a procedure is only ordered
     */
    public AppointmentAnswer read(String reply, String language, boolean procedure, boolean booked) {
        // the reminder already said what to answer: a reply nobody understands goes to a person, not to a question
        TriageDecision triaged = triage.triage(reply, language, 1);
        Interpretation interpretation = interpreter.read(reply, language);
        java.util.List<Object> facts = new java.util.ArrayList<>();
        facts.add(triaged);
        facts.add(new ReminderContext(procedure, booked));
        if (interpretation.keyword() != null) {
            facts.add(new MessageKeyword(interpretation.keyword()));
        }
        facts.addAll(interpretation.mentions());
        return RuleSessions.decide(
                rules.get(), AppointmentAnswer.class, "The appointment reply rules", facts.toArray());
    }
}
