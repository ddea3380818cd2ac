package org.careloop.engine.programs;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the care programs.
 *
 * @param readmissionWindow a newer stay that began within this time of the earlier discharge is a readmission: the
 *     earlier post-discharge program ends as {@code readmitted}; later, as {@code superseded}
 * @param sweepLookBack how far back the reconciliation sweep looks for finished stays that were never decided
 * @param sweepSettle how old a stay's last write must be before the sweep treats it as missed (its own trigger may
 *     still be on its way)
 */
@ConfigurationProperties("careloop.programs")
public record ProgramProperties(
        @DefaultValue("P30D") Duration readmissionWindow,
        @DefaultValue("P3D") Duration sweepLookBack,
        @DefaultValue("PT2M") Duration sweepSettle) {}
