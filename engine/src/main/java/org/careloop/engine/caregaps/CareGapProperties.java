package org.careloop.engine.caregaps;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Preventive care gaps.
 *
 * @param sweepInterval how often the population sweep runs
 * @param coolDown how long after an invitation the same gap may not be raised with the patient again
 * @param pageSize patients per page of the sweep (facts are fetched for a page at a time)
 */
@ConfigurationProperties("careloop.care-gaps")
public record CareGapProperties(
        @DefaultValue("P1D") Duration sweepInterval,
        @DefaultValue("P90D") Duration coolDown,
        @DefaultValue("200") int pageSize) {}
