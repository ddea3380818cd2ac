package org.careloop.engine.consent;

import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Consent settings.
 *
 * @param impliedPurposes the purposes for which a patient who gave the care team a contact may be reached on it until
 *                        they say otherwise (their treatment: care and appointments); every other purpose (billing,
 *                        marketing) needs a recorded grant first
 */
@ConfigurationProperties("careloop.consent")
public record ConsentProperties(
        @DefaultValue({"care", "appointment"}) Set<String> impliedPurposes) {

    boolean implied(ContactPurpose purpose) {
        return impliedPurposes.contains(purpose.code());
    }
}
