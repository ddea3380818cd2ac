package org.careloop.rules.caregap;

import static org.assertj.core.api.Assertions.assertThat;

import org.careloop.rules.CareRules;
import org.careloop.rules.triage.ProgramAnswer;
import org.careloop.rules.triage.ReplyTriage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CareGapRepliesTest {

    private static ReplyTriage triage;
    private static CareGapReplies replies;

    @BeforeAll
    static void buildRules() {
        CareRules rules = new CareRules();
        triage = rules.replyTriage();
        replies = rules.careGapReplies();
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}, {2}, {3}")
    @CsvSource(delimiter = '|', textBlock = """
            # reply                                  | answer               | team       | priority
            yes please call me                       | care-gap-thanks      | scheduler  | 50
            ok thanks                                | care-gap-thanks      | scheduler  | 50
            blorp                                    | care-gap-thanks      | scheduler  | 50
            sure, but I have chest pain today        | ack-emergency        | nurse      | 100
            STOP                                     | opt-out-confirmation |            | 0
            """)
    void everyReplyToAnInvitationReachesAPersonAndARedFlagANurse(
            String reply, String acknowledgement, String team, int priority) {
        ProgramAnswer answer = replies.decide(triage.triage(reply, "en", 0), "colorectal-screening");

        assertThat(answer.acknowledgement()).as("answer").isEqualTo(acknowledgement);
        assertThat(answer.team()).as("team").isEqualTo(team);
        assertThat(answer.priority()).as("priority").isEqualTo(priority);
        if ("scheduler".equals(team)) {
            assertThat(answer.reason()).contains("colorectal-screening").contains("please call to schedule");
        }
    }
}
