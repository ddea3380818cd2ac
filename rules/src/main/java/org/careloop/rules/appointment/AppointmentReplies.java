package org.careloop.rules.appointment;

import java.util.ArrayList;
import java.util.List;
import org.careloop.rules.language.Interpretation;
import org.careloop.rules.language.Interpreter;
import org.careloop.rules.language.MessageKeyword;
import org.careloop.rules.triage.ReplyTriage;
import org.careloop.rules.triage.TriageDecision;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;

/**
 * Reads a reply to an appointment reminder: the reply triage first (a red flag is never read as "confirm"), then
 * the DRL rule set {@code appointment-reply.drl} over the triage's verdict, the whole-message keyword (C, R, X, YES)
 * and the concepts the interpreter found ("I'll be there", "can we move my appointment", "cancel my appointment").
 * Thread-safe.
 */
public final class AppointmentReplies {

    private final KieBase kieBase;
    private final ReplyTriage triage;
    private final Interpreter interpreter;

    public AppointmentReplies(KieBase kieBase, ReplyTriage triage) {
        this.kieBase = kieBase;
        this.triage = triage;
        this.interpreter = Interpreter.standard();
    }

    /**
     * @param language the patient's preferred language, or null
     */
    public AppointmentAnswer read(String reply, String language) {
        // the reminder already said what to answer: a reply nobody understands goes to a person, not to a question
        TriageDecision triaged = triage.triage(reply, language, 1);
        Interpretation interpretation = interpreter.read(reply, language);
        KieSession session = kieBase.newKieSession();
        try {
            session.insert(triaged);
            if (interpretation.keyword() != null) {
                session.insert(new MessageKeyword(interpretation.keyword()));
            }
            interpretation.mentions().forEach(session::insert);
            session.fireAllRules();
            List<AppointmentAnswer> answers = new ArrayList<>();
            for (Object fact : session.getObjects()) {
                if (fact instanceof AppointmentAnswer a) {
                    answers.add(a);
                }
            }
            if (answers.size() != 1) {
                throw new IllegalStateException(
                        "Appointment reply rules must reach exactly one answer, reached " + answers.size());
            }
            return answers.get(0);
        } finally {
            session.dispose();
        }
    }
}
