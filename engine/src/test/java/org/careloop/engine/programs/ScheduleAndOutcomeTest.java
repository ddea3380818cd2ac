package org.careloop.engine.programs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScheduleAndOutcomeTest {

    @Test
    void timerDateIsTheClinicalDatePlusTheModelOffset() {
        Schedule schedule = new Schedule();

        assertThat(schedule.after("2026-03-02T15:00:00Z", "PT24H").toInstant())
                .isEqualTo(Instant.parse("2026-03-03T15:00:00Z"));
        assertThat(schedule.after("2026-03-02T15:00:00Z", "P7D").toInstant())
                .isEqualTo(Instant.parse("2026-03-09T15:00:00Z"));
        assertThat(schedule.after("2026-03-02T10:00:00-05:00", "PT36H").toInstant())
                .isEqualTo(Instant.parse("2026-03-04T03:00:00Z"));
    }

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @CsvSource(nullValues = "none", textBlock = """
            replied,     replied,     completed-engaged
            replied,     handed-off,  completed-handed-off
            no-response, no-response, completed-no-response
            opted-out,   none,        opted-out
            replied,     opted-out,   opted-out
            no-response, replied,     completed-engaged
            """)
    void programOutcomeSumsUpItsCheckIns(String first, String second, String expected) {
        assertThat(ProgramOutcome.of(first, second)).isEqualTo(expected);
    }
}
