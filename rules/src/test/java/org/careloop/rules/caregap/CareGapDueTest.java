package org.careloop.rules.caregap;

import static org.assertj.core.api.Assertions.assertThat;

import org.careloop.rules.CareRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The care-gap table row by row, with the edges of each age band and interval. */
class CareGapDueTest {

    private static CareGapDue decision;

    @BeforeAll
    static void buildRules() {
        decision = new CareRules().careGapDue();
    }

    @ParameterizedTest(name = "[{index}] {0} {1} {2}y diabetic={3} last={4} season={5}/{6} -> {7}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # gap                    | sex    | age | diabetic | months since | flu season | season months | due
            breast-cancer-screening  | female | 50  | false    | -            | false      | 0             | true
            breast-cancer-screening  | female | 74  | false    | 25           | false      | 0             | true
            breast-cancer-screening  | female | 60  | false    | 24           | false      | 0             | false
            breast-cancer-screening  | female | 49  | false    | -            | false      | 0             | false
            breast-cancer-screening  | female | 75  | false    | -            | false      | 0             | false
            breast-cancer-screening  | male   | 60  | false    | -            | false      | 0             | false
            colorectal-screening     | male   | 45  | false    | -            | false      | 0             | true
            colorectal-screening     | female | 75  | false    | 121          | false      | 0             | true
            colorectal-screening     | female | 60  | false    | 100          | false      | 0             | false
            colorectal-screening     | female | 44  | false    | -            | false      | 0             | false
            hba1c                    | male   | 60  | true     | -            | false      | 0             | true
            hba1c                    | male   | 60  | true     | 7            | false      | 0             | true
            hba1c                    | male   | 60  | true     | 6            | false      | 0             | false
            hba1c                    | male   | 60  | false    | -            | false      | 0             | false
            annual-wellness          | female | 30  | false    | 13           | false      | 0             | true
            annual-wellness          | female | 30  | false    | 12           | false      | 0             | false
            annual-wellness          | female | 10  | false    | -            | false      | 0             | false
            influenza-vaccine        | male   | 70  | false    | -            | true       | 3             | true
            influenza-vaccine        | male   | 70  | false    | 5            | true       | 3             | true
            influenza-vaccine        | male   | 70  | false    | 2            | true       | 3             | false
            influenza-vaccine        | male   | 70  | false    | -            | false      | 9             | false
            """)
    void decidesWhetherAGapIsOpen(
            String gap,
            String sex,
            int age,
            boolean diabetic,
            Long monthsSinceLast,
            boolean fluSeason,
            long seasonMonths,
            boolean due) {
        CareGapDue.Verdict verdict = decision.decide(
                new CareGapDue.Facts(gap, sex, age, diabetic, monthsSinceLast, fluSeason, seasonMonths));

        assertThat(verdict.due()).isEqualTo(due);
        assertThat(verdict.reason()).isNotBlank();
    }
}
