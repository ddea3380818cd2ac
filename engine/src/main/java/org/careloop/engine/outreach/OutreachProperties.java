package org.careloop.engine.outreach;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Outreach settings.
 *
 * @param organisation  how messages name the sender ("your care team", "Springfield General")
 * @param helpLine      the number at which a patient reaches a person, quoted in messages
 * @param defaultRegion the region for numbers written without a country code
 * @param timeZone      the time zone in which messages state a time (an appointment's start)
 */
@ConfigurationProperties("careloop.outreach")
public record OutreachProperties(
        @DefaultValue("your care team") String organisation,
        @DefaultValue("(555) 010-0100") String helpLine,
        @DefaultValue("US") String defaultRegion,
        @DefaultValue("America/New_York") java.time.ZoneId timeZone) {}
