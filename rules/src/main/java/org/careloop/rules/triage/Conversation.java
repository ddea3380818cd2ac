package org.careloop.rules.triage;

/** Where the conversation stands when a reply arrives: how many clarifying questions it already asked. */
public final class Conversation {

    private final int clarificationsAsked;

    public Conversation(int clarificationsAsked) {
        this.clarificationsAsked = clarificationsAsked;
    }

    public int getClarificationsAsked() {
        return clarificationsAsked;
    }
}
