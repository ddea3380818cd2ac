package org.careloop.rules.language;

/** A whole message that is a keyword of a family: stop, start, help, agent, yes, no, confirm, reschedule, cancel-appointment. */
public final class MessageKeyword {

    private final String family;

    public MessageKeyword(String family) {
        this.family = family;
    }

    public String getFamily() {
        return family;
    }

    @Override
    public String toString() {
        return "keyword:" + family;
    }
}
