package org.careloop.rules.triage;

import org.careloop.rules.language.Interpretation;
import org.careloop.rules.language.Interpreter;

/**
 * The whole of one reply, as the rules see it: whether it is a question, and the keyword family it is, if the
 * whole message is a keyword (STOP, START, HELP, AGENT, …; the families are data, {@code keywords.tsv}).
 */
public final class ReplyText {

    private static final Interpreter INTERPRETER = Interpreter.standard();

    private final boolean question;
    private final String keyword;

    ReplyText(Interpretation interpretation) {
        this.question = interpretation.question();
        this.keyword = interpretation.keyword();
    }

    public static ReplyText of(String raw) {
        return new ReplyText(INTERPRETER.read(raw, null));
    }

    public boolean isQuestion() {
        return question;
    }

    public String getKeyword() {
        return keyword;
    }

    /** True when the whole message is one of the carrier-standard opt-out keywords (STOP, UNSUBSCRIBE, …). */
    public boolean isOptOutKeyword() {
        return "stop".equals(keyword);
    }

    /** True when the whole message asks to receive messages again (START, UNSTOP, …). */
    public boolean isStartKeyword() {
        return "start".equals(keyword);
    }
}
