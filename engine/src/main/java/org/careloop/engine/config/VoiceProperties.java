package org.careloop.engine.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The voice channel: automated calls in the Twilio dialect ({@code …/Calls.json} on the SMS provider's account,
 * {@code careloop.sms.twilio.*}), whose spoken words and keypad answers come from CareLoop's TwiML webhooks.
 *
 * @param enabled whether this node places calls at all; without it, voice is never chosen
 * @param gatherSeconds how long a call waits for a key after the message; with none, it says how to reach a person and ends
 */
@ConfigurationProperties("careloop.voice")
public record VoiceProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("8") int gatherSeconds) {}
