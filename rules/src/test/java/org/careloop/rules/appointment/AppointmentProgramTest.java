package org.careloop.rules.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import org.careloop.rules.CareRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The appointment-program table, row by row, and the order in which its rows apply. */
class AppointmentProgramTest {

    private static AppointmentProgram decision;

    @BeforeAll
    static void buildRules() {
        decision = new CareRules().appointmentProgram();
    }

    @ParameterizedTest(name = "[{index}] {5}")
    @CsvSource(delimiter = '|', textBlock = """
            # booked | hours ahead | procedure | reachable | program           | reason
            false    | 48          | false     | true   | none                 | Not booked
            true     | 0           | false     | true   | none                 | The appointment time has passed
            true     | -5          | true      | true   | none                 | The appointment time has passed
            true     | 48          | false     | false  | none                 | No mobile, email or phone to call on file
            true     | 200         | true      | true   | pre-procedure        | A booked procedure: preparation and confirmation
            true     | 48          | false     | true   | appointment-reminder | A booked visit: reminders
            false    | -1          | true      | false  | none                 | Not booked
            """)
    void choosesTheProgramOfABookedAppointment(
            boolean booked, long hoursAhead, boolean procedure, boolean reachable, String program, String reason) {
        AppointmentProgram.Choice choice =
                decision.decide(new AppointmentProgram.Facts(booked, hoursAhead, procedure, reachable));

        assertThat(choice.program()).isEqualTo(program);
        assertThat(choice.reason()).isEqualTo(reason);
        assertThat(choice.starts()).isEqualTo(!"none".equals(program));
    }
}
