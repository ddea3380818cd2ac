package org.careloop.rules.decisions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.careloop.rules.CareRules;
import org.careloop.rules.appointment.AppointmentIntent;
import org.careloop.rules.appointment.AppointmentReplies;
import org.careloop.rules.triage.ReplyTriage;
import org.careloop.rules.triage.TriageAction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LiveRuleSetTest {

    private CareRules rules;
    private ReplyTriage triage;
    private String triageDrl;
    private String appointmentDrl;

    @BeforeEach
    void freshRules() throws IOException {
        rules = new CareRules();
        triage = rules.replyTriage();
        triageDrl = resource("org/careloop/rules/triage/reply-triage.drl");
        appointmentDrl = resource("org/careloop/rules/appointment/appointment-reply.drl");
    }

    @Test
    void theShippedRuleSetsPassTheirOwnDeploymentGates() {
        rules.triageRules().check(triageDrl);
        rules.appointmentRules().check(appointmentDrl);
        assertThat(DeploymentGate.load("org/careloop/rules/triage/deployment-gate.tsv")
                        .cases())
                .extracting(DeploymentGate.Case::expected)
                .contains("nurse-now", "person", "opt-out", "continue");
    }

    @Test
    void aReplacedRuleSetDecidesTheNextRepliesAlready() {
        assertThat(triage.triage("doing fine, thanks").reasons()).containsExactly("Reports feeling fine");

        rules.triageRules().replace(triageDrl.replace("\"Reports feeling fine\"", "\"Says all is well\""));

        assertThat(triage.triage("doing fine, thanks").reasons()).containsExactly("Says all is well");
        assertThat(triage.triage("I have chest pain").action()).isEqualTo(TriageAction.URGENT);
    }

    @Test
    void aRuleSetThatNoLongerSendsChestPainToANurseIsRefusedAndTheRunningOneStays() {
        String blind = triageDrl.replace(
                "severity == Severity.EMERGENCY || severity == Severity.URGENT, !negated",
                "severity == Severity.URGENT, !negated");
        assertThat(blind).isNotEqualTo(triageDrl);

        assertThatThrownBy(() -> rules.triageRules().replace(blind))
                .isInstanceOf(InvalidDecisionModel.class)
                .satisfies(e -> assertThat(((InvalidDecisionModel) e).problems())
                        .anyMatch(p -> p.startsWith("\"I have chest pain\" must be read as nurse-now")));

        assertThat(triage.triage("I have chest pain").action()).isEqualTo(TriageAction.URGENT);
    }

    @Test
    void aRuleSetThatDoesNotCompileIsRefusedWithTheCompilersLineAndTheRunningOneStays() {
        String broken = triageDrl.replace("rule \"Reassurance\"\nwhen", "rule \"Reassurance\"\nwhen (");

        assertThatThrownBy(() -> rules.triageRules().replace(broken))
                .isInstanceOf(InvalidDecisionModel.class)
                .satisfies(
                        e -> assertThat(((InvalidDecisionModel) e).problems()).anyMatch(p -> p.startsWith("line ")));
        assertThatThrownBy(() -> rules.triageRules().check(" "))
                .isInstanceOf(InvalidDecisionModel.class)
                .hasMessageContaining("empty");

        assertThat(triage.triage("doing fine, thanks").action()).isEqualTo(TriageAction.CONTINUE);
    }

    @Test
    void anAppointmentRuleSetThatReadsAConfirmationWithChestPainAsConfirmedIsRefused() {
        AppointmentReplies replies = rules.appointmentReplies(triage);
        String careless = appointmentDrl.replaceAll("(?s)rule \"[^\"]*[Cc]linical[^\"]*\".*?\\nend\\n", "");
        assertThat(careless).isNotEqualTo(appointmentDrl);

        assertThatThrownBy(() -> rules.appointmentRules().replace(careless))
                .isInstanceOf(InvalidDecisionModel.class)
                .hasMessageContaining("\"C but I have chest pain\" must be read as clinical");

        assertThat(replies.read("C but I have chest pain", "en").intent()).isEqualTo(AppointmentIntent.CLINICAL);
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = LiveRuleSetTest.class.getClassLoader().getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
