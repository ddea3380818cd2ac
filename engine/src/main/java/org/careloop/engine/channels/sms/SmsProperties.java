package org.careloop.engine.channels.sms;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * SMS settings. Both providers speak the Twilio REST dialect; {@code simulator} also turns on the
 * built-in simulator of that API (point {@code twilio.base-url} at it).
 */
@ConfigurationProperties("careloop.sms")
public record SmsProperties(
        @DefaultValue("twilio") String provider,
        Twilio twilio,
        @DefaultValue("1") double ratePerSender) {

    /**
     * @param readTimeout how long to wait for the provider's answer; past it the message may or may not have been
     *                    accepted, so it is marked UNKNOWN and never sent again
     */
    public record Twilio(
            @DefaultValue("https://api.twilio.com") URI baseUrl,
            String accountSid,
            String authToken,
            String from,
            @DefaultValue("15s") java.time.Duration readTimeout) {}

    public boolean configured() {
        return twilio != null
                && notBlank(twilio.accountSid())
                && notBlank(twilio.authToken())
                && notBlank(twilio.from());
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
