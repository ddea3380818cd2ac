package org.careloop.rules.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import org.careloop.rules.CareRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AppointmentRepliesTest {

    private static AppointmentReplies replies;

    @BeforeAll
    static void buildRules() {
        CareRules rules = new CareRules();
        replies = rules.appointmentReplies(rules.replyTriage());
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}, {2}, {3} {4}")
    @CsvSource(delimiter = '|', textBlock = """
            # reply                              | intent     | answer                 | team       | priority
            C                                    | CONFIRM    | appointment-confirmed  |            | 0
            c                                    | CONFIRM    | appointment-confirmed  |            | 0
            yes                                  | CONFIRM    | appointment-confirmed  |            | 0
            confirmed, thank you                 | CONFIRM    | appointment-confirmed  |            | 0
            I'll be there                        | CONFIRM    | appointment-confirmed  |            | 0
            R                                    | RESCHEDULE | appointment-reschedule | scheduler  | 50
            can I reschedule                     | RESCHEDULE | appointment-reschedule | scheduler  | 50
            I need to change my appointment      | RESCHEDULE | appointment-reschedule | scheduler  | 50
            I can't make it, another day please | RESCHEDULE | appointment-reschedule | scheduler  | 50
            X                                    | CANCEL     | appointment-cancelled  |            | 0
            I want to cancel my appointment      | CANCEL     | appointment-cancelled  |            | 0
            yes but I need to cancel             | CANCEL     | appointment-cancelled  |            | 0
            C, but my chest hurts                | CLINICAL   | ack-emergency          | nurse      | 100
            can I take my pills with food?       | CLINICAL   | ack-pharmacist         | pharmacist | 80
            STOP                                 | OPT_OUT    | opt-out-confirmation   |            | 0
            CANCEL                               | OPT_OUT    | opt-out-confirmation   |            | 0
            where do I park?                     | OTHER      | ack-routine            | scheduler  | 50
            hmm                                  | OTHER      | ack-routine            | scheduler  | 50
            confirmo                             | CONFIRM    | appointment-confirmed  |            | 0
            quiero cambiar mi cita               | RESCHEDULE | appointment-reschedule | scheduler  | 50
            quiero cancelar la cita              | CANCEL     | appointment-cancelled  |            | 0
            me duele el pecho                    | CLINICAL   | ack-emergency          | nurse      | 100
            """)
    void readsWhatAReplyToAReminderAsksForAndWhoFollowsUp(
            String reply, AppointmentIntent intent, String acknowledgement, String team, int priority) {
        AppointmentAnswer answer = replies.read(reply, null);

        assertThat(answer.intent()).as("intent").isEqualTo(intent);
        assertThat(answer.reason()).as("reason").isNotBlank();
        assertThat(answer.acknowledgement()).as("answer").isEqualTo(acknowledgement);
        assertThat(answer.team()).as("team").isEqualTo(team);
        assertThat(answer.priority()).as("priority").isEqualTo(priority);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" before a procedure -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            C                                    | CONFIRM    | procedure-confirmed
            I'll be there                        | CONFIRM    | procedure-confirmed
            R                                    | RESCHEDULE | appointment-reschedule
            C, but my chest hurts                | CLINICAL   | ack-emergency
            """)
    void aConfirmationBeforeAProcedureGetsTheProceduresOwnAnswer(
            String reply, AppointmentIntent intent, String acknowledgement) {
        AppointmentAnswer answer = replies.read(reply, "en", true);

        assertThat(answer.intent()).isEqualTo(intent);
        assertThat(answer.acknowledgement()).isEqualTo(acknowledgement);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" with the procedure only ordered -> {1}, {2}, {3}")
    @CsvSource(delimiter = '|', textBlock = """
            X                                    | CANCEL     | ack-routine            | scheduler
            I want to cancel my appointment      | CANCEL     | ack-routine            | scheduler
            C                                    | CONFIRM    | procedure-confirmed    |
            R                                    | RESCHEDULE | appointment-reschedule | scheduler
            """)
    void aCancellationBeforeAnythingIsBookedReachesASchedulerInsteadOfSayingItIsCancelled(
            String reply, AppointmentIntent intent, String acknowledgement, String team) {
        AppointmentAnswer answer = replies.read(reply, "en", true, false);

        assertThat(answer.intent()).isEqualTo(intent);
        assertThat(answer.acknowledgement()).isEqualTo(acknowledgement);
        assertThat(answer.team()).isEqualTo(team);
    }
}
