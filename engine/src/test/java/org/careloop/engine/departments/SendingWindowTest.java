package org.careloop.engine.departments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SendingWindowTest {

    private static final SendingWindow DAYTIME = SendingWindow.of("08:00", "21:00");

    @ParameterizedTest(name = "[{index}] {0} in {1} -> {2}")
    @CsvSource(textBlock = """
            # at (UTC),              zone,                 earliest (UTC)
            2026-06-10T15:00:00Z,    America/New_York,     2026-06-10T15:00:00Z
            2026-06-10T11:59:00Z,    America/New_York,     2026-06-10T12:00:00Z
            2026-06-10T12:00:00Z,    America/New_York,     2026-06-10T12:00:00Z
            2026-06-11T00:59:00Z,    America/New_York,     2026-06-11T00:59:00Z
            2026-06-11T01:00:00Z,    America/New_York,     2026-06-11T12:00:00Z
            2026-01-10T02:30:00Z,    America/New_York,     2026-01-10T13:00:00Z
            2026-06-10T15:00:00Z,    America/Los_Angeles,  2026-06-10T15:00:00Z
            2026-06-10T14:00:00Z,    America/Los_Angeles,  2026-06-10T15:00:00Z
            2026-06-10T20:00:00Z,    Europe/Madrid,        2026-06-11T06:00:00Z
            2026-03-08T06:30:00Z,    America/New_York,     2026-03-08T12:00:00Z
            2026-11-01T04:30:00Z,    America/New_York,     2026-11-01T13:00:00Z
            2026-03-29T00:30:00Z,    Europe/Madrid,        2026-03-29T06:00:00Z
            """)
    void aMessageOutsideThePatientsHoursWaitsUntilTheyOpenOnThePatientsOwnClock(
            String at, String zone, String earliest) {
        assertThat(DAYTIME.earliest(Instant.parse(at), ZoneId.of(zone))).isEqualTo(Instant.parse(earliest));
    }

    @Test
    void aDepartmentsStricterHoursNarrowTheDefaultAndNeverWidenIt() {
        assertThat(DAYTIME.within(SendingWindow.of("09:30", "18:00"))).isEqualTo(SendingWindow.of("09:30", "18:00"));
        assertThat(DAYTIME.within(SendingWindow.of("06:00", "23:00"))).isEqualTo(DAYTIME);
        assertThat(DAYTIME.within(null)).isEqualTo(DAYTIME);
        assertThat(SendingWindow.of("00:00", "24:00").earliest(Instant.parse("2026-06-10T03:00:00Z"), ZoneId.of("UTC")))
                .isEqualTo(Instant.parse("2026-06-10T03:00:00Z"));
    }

    @Test
    void hoursThatDoNotRunForwardWithinADayAreRefused() {
        assertThatThrownBy(() -> SendingWindow.of("21:00", "08:00")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SendingWindow.of("08:00", "08:00")).isInstanceOf(IllegalArgumentException.class);
    }
}
