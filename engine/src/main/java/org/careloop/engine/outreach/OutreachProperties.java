package org.careloop.engine.outreach;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Outreach settings.
 *
 * @param organisation  how messages name the sender ("your care team", "Springfield General")
 * @param helpLine      the number at which a patient reaches a person, quoted in messages
 * @param defaultRegion the region for numbers written without a country code
 * @param timeZone      the time zone in which messages state a time (an appointment's start), and of patients
 *                      whose record says none
 * @param sendFrom      quiet hours: the local time from which a program may message a patient ({@code 08:00})
 * @param sendUntil     quiet hours: the local time until which it may ({@code 21:00}; {@code 24:00} is midnight)
 */
@ConfigurationProperties("careloop.outreach")
public record OutreachProperties(
        @DefaultValue("your care team") String organisation,
        @DefaultValue("(555) 010-0100") String helpLine,
        @DefaultValue("US") String defaultRegion,
        @DefaultValue("America/New_York") java.time.ZoneId timeZone,
        @DefaultValue("08:00") String sendFrom,
        @DefaultValue("21:00") String sendUntil) {

    /** The hours in which programs may message patients, wherever no department is stricter. */
    public org.careloop.engine.departments.SendingWindow sendingWindow() {
        return org.careloop.engine.departments.SendingWindow.of(sendFrom, sendUntil);
    }
}
