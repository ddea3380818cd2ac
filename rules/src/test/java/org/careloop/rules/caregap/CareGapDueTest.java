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

    @ParameterizedTest(name = "[{index}] {0} {1} {2}y diabetic={3} last={4} month={5} season={6} -> {7}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # gap                    | sex    | age | diabetic | months since | month      | season months | due
            breast-cancer-screening  | female | 50  | false    | -            | 6               | 0             | true
            breast-cancer-screening  | female | 74  | false    | 25           | 6               | 0             | true
            breast-cancer-screening  | female | 60  | false    | 24           | 6               | 0             | false
            breast-cancer-screening  | female | 49  | false    | -            | 6               | 0             | false
            breast-cancer-screening  | female | 75  | false    | -            | 6               | 0             | false
            breast-cancer-screening  | male   | 60  | false    | -            | 6               | 0             | false
            colorectal-screening     | male   | 45  | false    | -            | 6               | 0             | true
            colorectal-screening     | female | 75  | false    | 121          | 6               | 0             | true
            colorectal-screening     | female | 60  | false    | 100          | 6               | 0             | false
            colorectal-screening     | female | 44  | false    | -            | 6               | 0             | false
            hba1c                    | male   | 60  | true     | -            | 6               | 0             | true
            hba1c                    | male   | 60  | true     | 7            | 6               | 0             | true
            hba1c                    | male   | 60  | true     | 6            | 6               | 0             | false
            hba1c                    | male   | 60  | false    | -            | 6               | 0             | false
            annual-wellness          | female | 30  | false    | 13           | 6               | 0             | true
            annual-wellness          | female | 30  | false    | 12           | 6               | 0             | false
            annual-wellness          | female | 10  | false    | -            | 6               | 0             | false
            influenza-vaccine        | male   | 70  | false    | -            | 11               | 3             | true
            influenza-vaccine        | male   | 70  | false    | 5            | 11               | 3             | true
            influenza-vaccine        | male   | 70  | false    | 2            | 11               | 3             | false
            influenza-vaccine        | male   | 70  | false    | -            | 6               | 9             | false
            influenza-vaccine        | male   | 70  | false    | -            | 3               | 7             | true
            influenza-vaccine        | male   | 70  | false    | -            | 9               | 1             | true
            influenza-vaccine        | male   | 70  | false    | -            | 8               | 0             | false
            """)
    void decidesWhetherAGapIsOpen(
            String gap,
            String sex,
            int age,
            boolean diabetic,
            Long monthsSinceLast,
            int month,
            long seasonMonths,
            boolean due) {
        CareGapDue.Verdict verdict =
                decision.decide(new CareGapDue.Facts(gap, sex, age, diabetic, monthsSinceLast, month, seasonMonths));

        assertThat(verdict.due()).isEqualTo(due);
        assertThat(verdict.reason()).isNotBlank();
    }
}
