package org.careloop.rules.chronic;

import static org.assertj.core.api.Assertions.assertThat;

import org.careloop.rules.CareRules;
import org.careloop.rules.triage.ProgramAnswer;
import org.careloop.rules.triage.ReplyTriage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckInRepliesTest {

    private static ReplyTriage triage;
    private static CheckInReplies replies;

    @BeforeAll
    static void buildRules() {
        CareRules rules = new CareRules();
        triage = rules.replyTriage();
        replies = rules.checkInReplies();
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" (value rank {1}) -> {2}, {3}, {4}")
    @CsvSource(delimiter = '|', textBlock = """
            # reply                                | value rank, -1 none | answer               | team              | priority
            182                                    | 0                   | chronic-thanks       |                   | 0
            glucose 45                             | 3                   | ack-emergency        | nurse             | 100
            bp 150/95                              | 2                   | ack-urgent           | nurse             | 80
            182 and I have chest pain              | 0                   | ack-emergency        | nurse             | 100
            weight 212 and I can't catch my breath | 2                   | ack-urgent           | nurse             | 80
            glucose 45 and my chest hurts          | 3                   | ack-emergency        | nurse             | 100
            STOP                                   | -1                  | opt-out-confirmation |                   | 0
            doing fine today                       | -1                  | ack-continue         |                   | 0
            blorp flib                             | -1                  | ack-routine          | care-coordinator  | 50
            I have chest pain                      | -1                  | ack-emergency        | nurse             | 100
            """)
    void theMoreUrgentOfTheWordsAndTheValueDecidesTheAnswerAndWhoFollowsUp(
            String reply, int rank, String acknowledgement, String team, int priority) {
        JudgedReading reading = rank < 0 ? null : new JudgedReading(rank, "Threshold words", "the value");

        ProgramAnswer answer = replies.decide(triage.triage(reply, "en", 0), reading);

        assertThat(answer.acknowledgement()).as("answer").isEqualTo(acknowledgement);
        assertThat(answer.team()).as("team").isEqualTo(team);
        assertThat(answer.priority()).as("priority").isEqualTo(priority);
    }

    @ParameterizedTest(name = "[{index}] value rank {0} alone -> the threshold's words")
    @CsvSource({"3", "2"})
    void aValuePastAThresholdIsExplainedInTheThresholdsWordsWithTheValue(int rank) {
        ProgramAnswer answer =
                replies.decide(triage.triage("182", "en", 0), new JudgedReading(rank, "Glucose too low", "45 mg/dL"));

        assertThat(answer.reason()).isEqualTo("Glucose too low (reported 45 mg/dL)");
    }

    @org.junit.jupiter.api.Test
    void wordsMoreUrgentThanAnAlarmingValueKeepTheValuesReasonBesideTheirs() {
        var words = triage.triage("glucose 260 and I have chest pain", "en", 0);

        ProgramAnswer answer = replies.decide(words, new JudgedReading(2, "Glucose high", "260 mg/dL"));

        assertThat(answer.acknowledgement()).isEqualTo("ack-emergency");
        assertThat(answer.reason()).isEqualTo(words.reasonText() + "; Glucose high (reported 260 mg/dL)");
    }

    @org.junit.jupiter.api.Test
    void aValueAsUrgentAsTheWordsKeepsTheWordsReasonsBesideItsOwn() {
        var words = triage.triage("weight 212 and I can't catch my breath", "en", 0);

        ProgramAnswer answer = replies.decide(words, new JudgedReading(2, "Weight up 6 lb in a week", "212 lb"));

        assertThat(answer.reason())
                .startsWith("Weight up 6 lb in a week (reported 212 lb); ")
                .endsWith(words.reasonText());
    }
}
