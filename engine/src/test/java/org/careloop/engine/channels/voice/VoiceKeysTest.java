package org.careloop.engine.channels.voice;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The keys a call offers are the keys its approved script speaks of, in every shipped language. */
class VoiceKeysTest {

    private static Properties shipped(String language) throws Exception {
        Properties templates = new Properties();
        try (var in = VoiceKeysTest.class.getResourceAsStream("/outreach/templates_" + language + ".properties")) {
            templates.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return templates;
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "es"})
    void everyVoiceScriptNamesEachKeyItTakesAndNoOther(String language) throws Exception {
        Properties templates = shipped(language);
        for (var offered : VoiceKeys.REPLIES.entrySet()) {
            String script =
                    templates.getProperty(org.careloop.engine.outreach.MessageTemplates.voiceScript(offered.getKey()));
            assertThat(script).as(offered.getKey() + " in " + language).isNotNull();
            var keys = new java.util.TreeSet<>(offered.getValue().keySet());
            keys.addAll(java.util.List.of(VoiceKeys.PERSON, VoiceKeys.NO_MORE_CALLS, VoiceKeys.AGAIN));
            var spoken = new java.util.TreeSet<String>();
            var digits = java.util.regex.Pattern.compile("\\b(\\d)\\.").matcher(script);
            while (digits.find()) {
                spoken.add(digits.group(1));
            }
            assertThat(spoken)
                    .as("keys spoken in " + offered.getKey() + " (" + language + ")")
                    .isEqualTo(keys);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "2", "3"})
    void anAppointmentsKeysAreTheRepliesAPatientWouldText(String key) {
        assertThat(VoiceKeys.reply("appointment-reminder", key))
                .contains(
                        switch (key) {
                            case "0" -> "AGENT";
                            case "1" -> "C";
                            case "2" -> "R";
                            default -> "X";
                        });
        assertThat(VoiceKeys.reply("care-gap-thanks", "1"))
                .as("a key a message does not offer")
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"post-discharge-checkin-1", "post-discharge-reminder-1", "post-discharge-checkin-7"})
    void aCheckInsKeysAreFeelingWellFeelingWorseAndAPerson(String template) {
        assertThat(VoiceKeys.reply(template, "1")).contains("I am feeling well");
        assertThat(VoiceKeys.reply(template, "2")).contains("I am feeling worse");
        assertThat(VoiceKeys.reply(template, "0")).contains("AGENT");
        assertThat(VoiceKeys.reply(template, "3")).isEmpty();
        assertThat(VoiceKeys.answer(template, "2"))
                .as("not feeling well hears what happens next")
                .isEqualTo("voice-not-well");
        assertThat(VoiceKeys.answer(template, "1")).isEqualTo("voice-thanks");
        assertThat(VoiceKeys.answer("appointment-reminder", "2")).isEqualTo("voice-thanks");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "es"})
    void aReadingsScriptSpeaksOnlyTheMenusKeysAndSaysHowToEndTheEntry(String language) throws Exception {
        Properties templates = shipped(language);
        for (String template :
                java.util.List.of("chronic-ask-weight", "chronic-ask-glucose", "chronic-ask-blood-pressure")) {
            String script = templates.getProperty(org.careloop.engine.outreach.MessageTemplates.voiceScript(template));
            assertThat(script).as(template + " in " + language).isNotNull().contains("911");
            var spoken = new java.util.TreeSet<String>();
            var digits = java.util.regex.Pattern.compile("\\b(\\d)\\.").matcher(script);
            while (digits.find()) {
                spoken.add(digits.group(1));
            }
            assertThat(spoken).as(template + " (" + language + ")").containsExactly("0", "8", "9");
            assertThat(script).containsAnyOf("pound", "numeral");
        }
    }

    @org.junit.jupiter.api.Test
    void aReadingEnteredOnTheKeypadIsTheReplyAPatientWouldText() {
        assertThat(VoiceKeys.reading("chronic-ask-weight")).contains("weight");
        assertThat(VoiceKeys.reading("post-discharge-checkin-1")).isEmpty();
        assertThat(VoiceKeys.reply("chronic-ask-weight", "182")).contains("182");
        assertThat(VoiceKeys.reply("chronic-ask-glucose", "54")).contains("54");
        assertThat(VoiceKeys.reply("chronic-ask-blood-pressure", "130*80")).contains("130/80");
        assertThat(VoiceKeys.reply("chronic-ask-blood-pressure", "130"))
                .as("one number is not a pressure")
                .isEmpty();
        assertThat(VoiceKeys.reply("chronic-ask-weight", "1820"))
                .as("four digits")
                .isEmpty();
        assertThat(VoiceKeys.reply("chronic-ask-glucose", "1*2")).isEmpty();
        assertThat(VoiceKeys.reply("chronic-ask-glucose", "0"))
                .as("0 is still a person")
                .contains("AGENT");
        assertThat(VoiceKeys.answer("chronic-ask-symptoms", "2")).isEqualTo("voice-not-well");
        assertThat(VoiceKeys.reply("chronic-ask-symptoms", "2")).contains("My breathing is worse than usual");
    }
}
