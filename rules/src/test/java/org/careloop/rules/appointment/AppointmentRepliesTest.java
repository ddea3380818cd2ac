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

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # reply                                         | intent     | team of a clinical reply
            C                                               | CONFIRM    |
            c                                               | CONFIRM    |
            yes                                             | CONFIRM    |
            confirmed, thank you                            | CONFIRM    |
            I'll be there                                   | CONFIRM    |
            R                                               | RESCHEDULE |
            can I reschedule                                | RESCHEDULE |
            I need to change my appointment                 | RESCHEDULE |
            I can't make it, another day please            | RESCHEDULE |
            X                                               | CANCEL     |
            I want to cancel my appointment                 | CANCEL     |
            yes but I need to cancel                        | CANCEL     |
            C, but my chest hurts                           | CLINICAL   | nurse
            can I take my pills with food?                  | CLINICAL   | pharmacist
            STOP                                            | OPT_OUT    |
            CANCEL                                          | OPT_OUT    |
            where do I park?                                | OTHER      |
            hmm                                             | OTHER      |
            confirmo                                        | CONFIRM    |
            quiero cambiar mi cita                          | RESCHEDULE |
            quiero cancelar la cita                         | CANCEL     |
            me duele el pecho                               | CLINICAL   | nurse
            """)
    void readsWhatAReplyToAReminderAsksFor(String reply, AppointmentIntent intent, String team) {
        AppointmentAnswer answer = replies.read(reply, null);

        assertThat(answer.intent()).as("intent").isEqualTo(intent);
        assertThat(answer.reason()).as("reason").isNotBlank();
        if (intent == AppointmentIntent.CLINICAL) {
            assertThat(answer.triage().team()).as("team").isEqualTo(team);
        }
    }
}
