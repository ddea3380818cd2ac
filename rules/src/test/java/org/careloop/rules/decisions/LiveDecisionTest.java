package org.careloop.rules.decisions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.careloop.rules.CareRules;
import org.careloop.rules.eligibility.DischargeFacts;
import org.careloop.rules.eligibility.PostDischargeEligibility;
import org.junit.jupiter.api.Test;

/** A decision replaced while running: a valid model takes over, an invalid one is refused and changes nothing. */
class LiveDecisionTest {

    private final PostDischargeEligibility eligibility = new CareRules().postDischargeEligibility();
    private final DischargeFacts thirtyHoursAgo = new DischargeFacts(false, 60, "home", 30, true, false);

    private static String released() throws IOException {
        try (InputStream in = LiveDecisionTest.class.getResourceAsStream(
                "/org/careloop/rules/eligibility/post-discharge-eligibility.dmn")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aReplacementDecidesFromThenOn() throws IOException {
        assertThat(eligibility.decide(thirtyHoursAgo).eligible()).isTrue();

        eligibility.replace(released().replace("<text>&gt; 48</text>", "<text>&gt; 24</text>"));

        assertThat(eligibility.decide(thirtyHoursAgo).eligible()).isFalse();
    }

    @Test
    void refusedModelsNameTheProblemAndLeaveTheRunningOneInPlace() throws IOException {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><definitions>&x;"
                + "</definitions>";
        assertThatThrownBy(() -> eligibility.replace("<definitions>"))
                .isInstanceOf(InvalidDecisionModel.class)
                .hasMessageContaining("Not well-formed XML at line 1");
        assertThatThrownBy(() -> eligibility.replace(xxe))
                .isInstanceOf(InvalidDecisionModel.class)
                .hasMessageContaining("DOCTYPE");
        assertThatThrownBy(() ->
                        eligibility.replace(released().replace("<text>&gt; 48</text>", "<text>&gt; 48 hours</text>")))
                .isInstanceOf(InvalidDecisionModel.class);
        assertThatThrownBy(() -> eligibility.replace(
                        released().replace("name=\"Post-discharge eligibility\"", "name=\"Another model\"")))
                .isInstanceOf(InvalidDecisionModel.class)
                .hasMessageContaining("No DMN model 'Post-discharge eligibility'");

        assertThat(eligibility.decide(thirtyHoursAgo).eligible()).isTrue();
    }
}
