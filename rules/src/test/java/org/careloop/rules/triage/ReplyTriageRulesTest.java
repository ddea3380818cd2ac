package org.careloop.rules.triage;

import static org.assertj.core.api.Assertions.assertThat;

import org.careloop.rules.CareRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplyTriageRulesTest {

    private static ReplyTriage triage;

    @BeforeAll
    static void buildRules() {
        triage = new CareRules().replyTriage();
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1} / {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # reply                                                   | action   | severity  | team             | acknowledgement
            I have chest pain                                         | URGENT   | EMERGENCY | nurse            | ack-emergency
            my chest feels tight and heavy                            | URGENT   | EMERGENCY | nurse            | ack-emergency
            Pressure in my chest since this morning                   | URGENT   | EMERGENCY | nurse            | ack-emergency
            chest pian                                                | URGENT   | EMERGENCY | nurse            | ack-emergency
            I can't breathe                                           | URGENT   | EMERGENCY | nurse            | ack-emergency
            I passed out in the bathroom                              | URGENT   | EMERGENCY | nurse            | ack-emergency
            my husband says I seem confused                           | URGENT   | EMERGENCY | nurse            | ack-emergency
            I'm short of breath when I walk                           | URGENT   | URGENT    | nurse            | ack-urgent
            feeling dizzy since I started the new medication          | URGENT   | URGENT    | nurse            | ack-urgent
            very dizy today                                           | URGENT   | URGENT    | nurse            | ack-urgent
            I have a fever of 101                                     | URGENT   | URGENT    | nurse            | ack-urgent
            the wound is bleeding                                     | URGENT   | URGENT    | nurse            | ack-urgent
            the bleeding hasn't stopped                               | URGENT   | URGENT    | nurse            | ack-urgent
            severe pain in my stomach                                 | URGENT   | URGENT    | nurse            | ack-urgent
            my legs are swollen                                       | URGENT   | URGENT    | nurse            | ack-urgent
            swelling in both ankles                                   | URGENT   | URGENT    | nurse            | ack-urgent
            I keep thinking about killing myself                      | URGENT   | CRISIS    | nurse            | ack-crisis
            I want to die                                             | URGENT   | CRISIS    | nurse            | ack-crisis
            chest pain and I want to end my life                      | URGENT   | CRISIS    | nurse            | ack-crisis
            no chest pain                                             | CONTINUE | NONE      |                  | ack-continue
            not dizzy anymore, feeling fine                           | CONTINUE | NONE      |                  | ack-continue
            No fever, no chest pain, doing well                       | CONTINUE | NONE      |                  | ack-continue
            I'm fine                                                  | CONTINUE | NONE      |                  | ack-continue
            Feeling better thanks                                     | CONTINUE | NONE      |                  | ack-continue
            ok                                                        | CONTINUE | NONE      |                  | ack-continue
            the dizziness is gone                                     | CONTINUE | NONE      |                  | ack-continue
            I never had a fever, all good                             | CONTINUE | NONE      |                  | ack-continue
            I'm fine but I have chest pain                            | URGENT   | EMERGENCY | nurse            | ack-emergency
            feeling better, but my legs are swollen                   | URGENT   | URGENT    | nurse            | ack-urgent
            ok. can I shower yet?                                     | ROUTINE  | ROUTINE   | care-coordinator | ack-routine
            When is my follow-up appointment                          | ROUTINE  | ROUTINE   | care-coordinator | ack-routine
            Can someone call me                                       | ROUTINE  | ROUTINE   | care-coordinator | ack-routine
            I'd like to talk to a person                              | ROUTINE  | ROUTINE   | care-coordinator | ack-routine
            I can't find my discharge papers                          | ROUTINE  | ROUTINE   | care-coordinator | ack-routine
            not fine                                                  | URGENT   | URGENT    | nurse            | ack-urgent
            I am feeling worse                                        | URGENT   | URGENT    | nurse            | ack-urgent
            My breathing is worse than usual                          | URGENT   | URGENT    | nurse            | ack-urgent
            can I take my pills with food?                            | URGENT   | URGENT    | pharmacist       | ack-pharmacist
            should I still take the antibiotics?                      | URGENT   | URGENT    | pharmacist       | ack-pharmacist
            how many tablets a day should I take                      | URGENT   | URGENT    | pharmacist       | ack-pharmacist
            I took too many pills, what do I do?                      | URGENT   | URGENT    | nurse            | ack-urgent
            my chest hurts, should I take my pills?                   | URGENT   | EMERGENCY | nurse            | ack-emergency
            dizzy since the new pills, is that normal?                | URGENT   | URGENT    | nurse            | ack-urgent
            I ran out of my meds                                      | URGENT   | URGENT    | nurse            | ack-urgent
            weight 212 lb                                             | CLARIFY  | ROUTINE   | care-coordinator | clarify
            my weight went up a lot                                   | URGENT   | URGENT    | nurse            | ack-urgent
            ¿puedo tomar las pastillas con comida?                    | URGENT   | URGENT    | pharmacist       | ack-pharmacist
            asdfgh                                                    | CLARIFY  | ROUTINE   | care-coordinator | clarify
            STOP                                                      | OPT_OUT  | NONE      |                  | opt-out-confirmation
            unsubscribe                                               | OPT_OUT  | NONE      |                  | opt-out-confirmation
            please stop texting me                                    | OPT_OUT  | NONE      |                  | opt-out-confirmation
            no more messages please, I'm fine                         | OPT_OUT  | NONE      |                  | opt-out-confirmation
            no me escriban más                                        | OPT_OUT  | NONE      |                  | opt-out-confirmation
            stop texting me, I have chest pain                        | URGENT   | EMERGENCY | nurse            | ack-emergency
            no more texts, when is my next appointment?               | ROUTINE  | ROUTINE   | care-coordinator | ack-routine
            """)
    void decidesActionSeverityTeamAndAcknowledgement(
            String reply, TriageAction action, Severity severity, String team, String acknowledgement) {
        TriageDecision decision = triage.triage(reply);

        assertThat(decision.action()).as("action").isEqualTo(action);
        assertThat(decision.severity()).as("severity").isEqualTo(severity);
        assertThat(decision.team()).as("team").isEqualTo(team);
        assertThat(decision.acknowledgement()).as("acknowledgement").isEqualTo(acknowledgement);
        assertThat(decision.priority())
                .as("priority")
                .isEqualTo(
                        switch (severity) {
                            case CRISIS, EMERGENCY -> 100;
                            case URGENT -> 80;
                            case ROUTINE -> 50;
                            case NONE -> 0;
                        });
        assertThat(decision.reasons()).as("reasons").isNotEmpty();
    }

    @Test
    void reasonsListEveryRedFlagMostUrgentFirst() {
        TriageDecision decision = triage.triage("I feel dizzy and I have chest pressure, also a fever");

        assertThat(decision.reasons()).containsExactly("Chest pain or pressure", "Dizziness", "Fever or chills");
    }

    @Test
    void dizzinessAfterANewMedicationIsNamedAsSuch() {
        TriageDecision decision = triage.triage("I get dizzy since I started the new pills");

        assertThat(decision.reasons()).contains("Dizziness, possibly after a new medication");
    }

    @Test
    void deniedSelfHarmIsStillReadByANurse() {
        TriageDecision decision = triage.triage("I'm sad but I would never hurt myself");

        assertThat(decision.action()).isEqualTo(TriageAction.URGENT);
        assertThat(decision.severity()).isEqualTo(Severity.URGENT);
        assertThat(decision.reasonText()).contains("self-harm");
    }

    @Test
    void unclearReplyGetsOneClarifyingQuestionThenAPerson() {
        TriageDecision first = triage.triage("   ", null, 0);
        TriageDecision second = triage.triage("hmm", null, 1);

        assertThat(first.action()).isEqualTo(TriageAction.CLARIFY);
        assertThat(first.acknowledgement()).isEqualTo("clarify");
        assertThat(second.action()).isEqualTo(TriageAction.ROUTINE);
        assertThat(second.team()).isEqualTo("care-coordinator");
        assertThat(second.reasonText()).isEqualTo("Reply not understood by the rules");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"AGENT", "human", "agente", "I want to talk to a person"})
    void aPersonIsOneWordAwayEvenAfterAClarifyingQuestion(String reply) {
        for (int asked = 0; asked <= 1; asked++) {
            TriageDecision decision = triage.triage(reply, null, asked);

            assertThat(decision.action()).isEqualTo(TriageAction.ROUTINE);
            assertThat(decision.reasonText()).contains("talk to a person");
        }
    }

    @Test
    void stopInsideASentenceIsNotAnOptOut() {
        TriageDecision decision = triage.triage("the bleeding won't stop");

        assertThat(decision.action()).isEqualTo(TriageAction.URGENT);
    }

    /**
     * The question asked of every reply as it arrives gives the rules' own answer: the evaluation sets, the
     * classifier's corpus and the opt-out phrasings of the lexicon, with each language's hint and none.
     */
    @org.junit.jupiter.api.Test
    void whetherAReplyAsksToStopIsWhatTheRulesDecideForEveryKnownReply() throws Exception {
        java.util.List<String> replies = KnownReplies.all();
        int optOuts = 0;
        for (String reply : replies) {
            for (String language : java.util.Arrays.asList("en", "es", null)) {
                boolean rules = triage.triage(reply, language, 0).action() == TriageAction.OPT_OUT;
                assertThat(triage.screen(reply, () -> language).asksToStop())
                        .as("\"%s\" (%s)", reply, language)
                        .isEqualTo(rules);
                optOuts += rules ? 1 : 0;
            }
        }
        assertThat(replies).hasSizeGreaterThan(900);
        assertThat(optOuts).as("opt-outs among them").isGreaterThan(20);
    }
}
