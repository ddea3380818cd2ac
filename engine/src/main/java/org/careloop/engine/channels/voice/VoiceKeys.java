package org.careloop.engine.channels.voice;

import java.util.Map;
import java.util.Optional;

/**
 * What a key pressed during an automated call means. Every call offers 0 (a person: the call is put through to the
 * help line and a coordinator is asked to follow up), 8 (no more automated calls: the consent vault records it) and
 * 9 (hear it again); a message's own keys are the reply a patient would text, read by the same rules as a text. The
 * voice scripts ({@link org.careloop.engine.outreach.MessageTemplates#voiceScript}) say the same; a test holds them to it.
 * A chronic check-in that asks for a reading takes it on the keypad, ended by #.
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

    /** A COPD check-in's keys: breathing as usual, or worse (which the rules read as they would those words). */
    private static final Map<String, String> BREATHING =
            Map.of("1", "My breathing is as usual", "2", "My breathing is worse than usual");

    /**
     * The chronic check-ins that ask for a reading, and what they ask for: the patient enters it on the keypad and
     * presses #, blood pressure as the two numbers with * between them; it is read as the same number texted.
     */
    private static final Map<String, String> READINGS = Map.of(
            "chronic-ask-weight", "weight",
            "chronic-ask-glucose", "glucose",
            "chronic-ask-blood-pressure", "blood-pressure");

    /** Per message template, the keys it offers and the reply each stands for. */
    static final Map<String, Map<String, String>> REPLIES = Map.of(
            "chronic-ask-symptoms", BREATHING,
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
        Map<String, String> keys = REPLIES.get(templateId);
        return keys == CHECK_IN || keys == BREATHING ? ANSWERS.getOrDefault(key, "voice-thanks") : "voice-thanks";
    }

    /** What a check-in asks to be entered on the keypad (weight, glucose, blood-pressure), if it asks for a reading. */
    static Optional<String> reading(String templateId) {
        return Optional.ofNullable(READINGS.get(templateId));
    }

    /**
     * The reply keys stand for in a message of this template (0 is a request for a person), if it offers them: a
     * key of its menu, or a reading entered before # (two or three digits; blood pressure two such numbers with *
     * between, read as "130/80").
     */
    static Optional<String> reply(String templateId, String key) {
        if (PERSON.equals(key)) {
            return Optional.of("AGENT");
        }
        Optional<String> reading = reading(templateId);
        if (reading.isPresent()) {
            if ("blood-pressure".equals(reading.get())) {
                return key.matches("\\d{2,3}\\*\\d{2,3}") ? Optional.of(key.replace('*', '/')) : Optional.empty();
            }
            return key.matches("\\d{2,3}") ? Optional.of(key) : Optional.empty();
        }
        return Optional.ofNullable(REPLIES.getOrDefault(templateId, Map.of()).get(key));
    }
}
