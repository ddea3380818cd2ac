package org.careloop.engine.channels.voice;

import java.util.Map;
import java.util.Optional;

/**
 * What a key pressed during an automated call means. Every call offers 0 (a person: the call is put through to the
 * help line and a coordinator is asked to follow up), 8 (no more automated calls: the consent vault records it) and
 * 9 (hear it again); a message's own keys are the reply a patient would text, read by the same rules as a text. The
 * voice scripts ({@link org.careloop.engine.outreach.MessageTemplates#voiceScript}) say the same; a test holds them to it.
 */
final class VoiceKeys {

    static final String PERSON = "0";
    static final String NO_MORE_CALLS = "8";
    static final String AGAIN = "9";

    /**
     * A post-discharge check-in's keys: feeling well, or not (which the rules give a nurse at once, as they would the
     * same words texted). Anything else is 0, a person.
     */
    private static final Map<String, String> CHECK_IN = Map.of("1", "I am feeling well", "2", "I am feeling worse");

    /** Per message template, the keys it offers and the reply each stands for. */
    static final Map<String, Map<String, String>> REPLIES = Map.of(
            "appointment-reminder", Map.of("1", "C", "2", "R", "3", "X"),
            "post-discharge-checkin-1", CHECK_IN,
            "post-discharge-reminder-1", CHECK_IN,
            "post-discharge-checkin-7", CHECK_IN,
            "post-discharge-reminder-7", CHECK_IN);

    /** What a call says after a key that needs more than thanks: not feeling well hears what happens next, and 911. */
    private static final Map<String, String> ANSWERS = Map.of("2", "voice-not-well");

    private VoiceKeys() {}

    /** The voice script a call ends with after this key of a message of this template. */
    static String answer(String templateId, String key) {
        return REPLIES.get(templateId) == CHECK_IN ? ANSWERS.getOrDefault(key, "voice-thanks") : "voice-thanks";
    }

    /** The reply a key stands for in a message of this template (0 is a request for a person), if it offers it. */
    static Optional<String> reply(String templateId, String key) {
        if (PERSON.equals(key)) {
            return Optional.of("AGENT");
        }
        return Optional.ofNullable(REPLIES.getOrDefault(templateId, Map.of()).get(key));
    }
}
