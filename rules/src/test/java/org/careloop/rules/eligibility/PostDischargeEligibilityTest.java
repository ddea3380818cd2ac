package org.careloop.rules.eligibility;

import static org.assertj.core.api.Assertions.assertThat;

import org.careloop.rules.CareRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PostDischargeEligibilityTest {

    private static PostDischargeEligibility eligibility;

    @BeforeAll
    static void buildRules() {
        eligibility = new CareRules().postDischargeEligibility();
    }

    @ParameterizedTest(name = "[{index}] {7}: {8}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            # deceased | age | disposition | hours | mobile | callable | enrolled | eligible | reason
            false      | 54  | home        | 2     | true   | false    | false    | true     | Eligible: adult, alive, recently discharged home, with a number to text or call
            false      | 54  | null        | 2     | true   | false    | false    | true     | Eligible: adult, alive, recently discharged home, with a number to text or call
            false      | 54  | 01          | 47    | true   | false    | false    | true     | Eligible: adult, alive, recently discharged home, with a number to text or call
            false      | 18  | alt-home    | 0     | true   | false    | false    | true     | Eligible: adult, alive, recently discharged home, with a number to text or call
            true       | 54  | home        | 2     | true   | false    | false    | false    | Patient is deceased
            false      | 54  | exp         | 2     | true   | false    | false    | false    | Patient died in hospital
            false      | 17  | home        | 2     | true   | false    | false    | false    | Patient is under 18
            false      | null| home        | 2     | true   | false    | false    | false    | Birth date unknown
            false      | 54  | home        | -3    | true   | false    | false    | false    | Discharge time is in the future
            false      | 54  | home        | 49    | true   | false    | false    | false    | Discharged more than 48 hours ago
            false      | 54  | snf         | 2     | true   | false    | false    | false    | Not discharged home
            false      | 54  | 03          | 2     | true   | false    | false    | false    | Not discharged home
            false      | 54  | home        | 2     | false  | false    | false    | false    | No mobile number or phone to call on file
            false      | 54  | home        | 2     | false  | true     | false    | true     | Eligible: adult, alive, recently discharged home, with a number to text or call
            false      | 54  | home        | 2     | true   | false    | true     | false    | Already in the program for this stay or a later one
            true       | 12  | snf         | 99    | false  | false    | true     | false    | Patient is deceased
            """)
    void decidesEligibilityWithAReason(
            boolean deceased,
            Integer age,
            String disposition,
            long hours,
            boolean mobile,
            boolean callable,
            boolean enrolled,
            boolean expectedEligible,
            String expectedReason) {
        EligibilityDecision decision =
                eligibility.decide(new DischargeFacts(deceased, age, disposition, hours, mobile, callable, enrolled));

        assertThat(decision.eligible()).isEqualTo(expectedEligible);
        assertThat(decision.reason()).isEqualTo(expectedReason);
    }
}
