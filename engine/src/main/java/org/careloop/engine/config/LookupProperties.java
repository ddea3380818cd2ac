package org.careloop.engine.config;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The carrier lookup in the Twilio Lookup v2 dialect ({@code GET {base}/v2/PhoneNumbers/{number}?Fields=
 * line_type_intelligence,line_status}, the SMS provider's account and token): a number is looked up before its
 * first text, and what the carrier said is kept for a while.
 *
 * @param enabled  whether numbers are looked up at all (off by default; on in the demo, against the simulator)
 * @param baseUrl  the lookup service ({@code https://lookups.twilio.com}; the simulator in the demo)
 * @param freshFor how long an answer is kept before the number is looked up again
 */
@ConfigurationProperties("careloop.lookup")
public record LookupProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("https://lookups.twilio.com") URI baseUrl,
        @DefaultValue("30d") Duration freshFor) {}
