package org.careloop.rules.chronic;

import static org.assertj.core.api.Assertions.assertThat;

import org.careloop.rules.CareRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The chronic check-in's tables row by row, and the reading of values out of replies. */
class ChronicRulesTest {

    private static ChronicEnrolment enrolment;
    private static ReadingThresholds thresholds;
    private static final Readings READINGS = new Readings();

    @BeforeAll
    static void buildRules() {
        CareRules rules = new CareRules();
        enrolment = rules.chronicEnrolment();
        thresholds = rules.readingThresholds();
    }

    @ParameterizedTest(name = "[{index}] {0} uncontrolled={1} mobile={3} callable={4} -> {7}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            # condition  | uncontrolled | deceased | mobile | callable | enrol | measure        | cadence | reason
            heart-failure | false       | false    | true   | false    | true  | weight         | P1D     | Heart failure: daily weight
            diabetes      | true        | false    | true   | false    | true  | glucose        | P2D     | Uncontrolled diabetes: glucose every other day
            diabetes      | false       | false    | true   | true     | true  | glucose        | P7D     | Diabetes: weekly glucose
            hypertension  | true        | false    | true   | false    | true  | blood-pressure | P2D     | Uncontrolled hypertension: blood pressure every other day
            hypertension  | false       | false    | true   | false    | true  | blood-pressure | P7D     | Hypertension: weekly blood pressure
            copd          | false       | false    | true   | false    | true  | symptoms       | P7D     | COPD: weekly symptom check
            asthma        | false       | false    | true   | false    | false | ''             | ''      | Not a condition the chronic check-in follows
            heart-failure | false       | true     | true   | true     | false | ''             | ''      | Patient is deceased
            heart-failure | false       | false    | false  | false    | false | ''             | ''      | No mobile number or phone to call on file
            heart-failure | false       | false    | false  | true     | true  | weight         | P1D     | Heart failure: daily weight
            hypertension  | false       | false    | false  | true     | true  | blood-pressure | P7D     | Hypertension: weekly blood pressure
            """)
    void enrolsByConditionWithItsMeasureAndCadence(
            String condition,
            boolean uncontrolled,
            boolean deceased,
            boolean mobile,
            boolean callable,
            boolean enrol,
            String measure,
            String cadence,
            String reason) {
        ChronicEnrolment.Decision decision =
                enrolment.decide(new ChronicEnrolment.Facts(condition, uncontrolled, deceased, mobile, callable));

        assertThat(decision.enrol()).isEqualTo(enrol);
        assertThat(decision.measure()).isEqualTo(measure);
        assertThat(decision.cadence()).isEqualTo(cadence);
        assertThat(decision.reason()).isEqualTo(reason);
    }

    @ParameterizedTest(name = "[{index}] {0} {1}/{2} +{3}/{4} -> {5}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # measure     | value | second | gain day | gain week | severity  | reason
            glucose        | 50    | 0      | -        | -         | emergency | Glucose below 54 mg/dL
            glucose        | 65    | 0      | -        | -         | urgent    | Low glucose: below 70 mg/dL
            glucose        | 70    | 0      | -        | -         | none      | Within the thresholds
            glucose        | 300   | 0      | -        | -         | none      | Within the thresholds
            glucose        | 310   | 0      | -        | -         | urgent    | Very high glucose: above 300 mg/dL
            blood-pressure | 180   | 95     | -        | -         | urgent    | Systolic pressure 180 mmHg or higher
            blood-pressure | 150   | 120    | -        | -         | urgent    | Diastolic pressure 120 mmHg or higher
            blood-pressure | 150   | 95     | -        | -         | none      | Within the thresholds
            blood-pressure | 85    | 50     | -        | -         | urgent    | Systolic pressure below 90 mmHg
            weight         | 212   | 0      | 2.5      | 2.5       | urgent    | Weight up more than 2 lb in a day
            weight         | 212   | 0      | 1        | 5.5       | urgent    | Weight up more than 5 lb in a week
            weight         | 212   | 0      | 2        | 5         | none      | Within the thresholds
            weight         | 212   | 0      | -        | -         | none      | Within the thresholds
            """)
    void judgesReadingsByTheThresholds(
            String measure,
            double value,
            double second,
            Double gainDay,
            Double gainWeek,
            String severity,
            String reason) {
        ReadingThresholds.Verdict verdict =
                thresholds.judge(new Reading(measure, value, second, "lb"), gainDay, gainWeek);

        assertThat(verdict.severity()).isEqualTo(severity);
        assertThat(verdict.reason()).isEqualTo(reason);
        assertThat(verdict.alert()).isEqualTo(!"none".equals(severity));
    }

    @ParameterizedTest(name = "[{index}] {0} as {1}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            # reply               | asked for      | kind           | value | second | unit
            glucose 182            | glucose        | glucose        | 182   | 0      | mg/dL
            my sugar was 95 today  | glucose        | glucose        | 95    | 0      | mg/dL
            182                    | glucose        | glucose        | 182   | 0      | mg/dL
            bp 150/95              | blood-pressure | blood-pressure | 150   | 95     | mm[Hg]
            150 over 95            | blood-pressure | blood-pressure | 150   | 95     | mm[Hg]
            weight 212 lb          | weight         | weight         | 212   | 0      | lb
            211.5                  | weight         | weight         | 211.5 | 0      | lb
            96 kg                  | weight         | weight         | 96    | 0      | kg
            I feel fine            | weight         | none           | 0     | 0      | none
            150                    | blood-pressure | none           | 0     | 0      | none
            """)
    void readsTheValueTheCheckInAskedFor(
            String reply, String measure, String kind, double value, double second, String unit) {
        var reading = READINGS.read(reply, measure, "en");

        if (kind == null) {
            assertThat(reading).isEmpty();
            return;
        }
        assertThat(reading).isPresent();
        assertThat(reading.get().kind()).isEqualTo(kind);
        assertThat(reading.get().value()).isEqualTo(value);
        assertThat(reading.get().second()).isEqualTo(second);
        assertThat(reading.get().unit()).isEqualTo(unit);
    }

    @org.junit.jupiter.api.Test
    void aDepartmentsOwnThresholdRowDecidesForItsPatientsAndTheGeneralRowsForEveryoneElse() throws Exception {
        String shipped;
        try (var in =
                ChronicRulesTest.class.getResourceAsStream("/org/careloop/rules/chronic/reading-thresholds.dmn")) {
            shipped = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String row = """
                      <rule id="rule-cardiology-bp">
                        <inputEntry id="rule-cardiology-bp-department"><text>"cardiology"</text></inputEntry>
                        <inputEntry id="rule-cardiology-bp-measure"><text>"blood-pressure"</text></inputEntry>
                        <inputEntry id="rule-cardiology-bp-value"><text>[160..180)</text></inputEntry>
                        <inputEntry id="rule-cardiology-bp-second"><text>-</text></inputEntry>
                        <inputEntry id="rule-cardiology-bp-gainDay"><text>-</text></inputEntry>
                        <inputEntry id="rule-cardiology-bp-gainWeek"><text>-</text></inputEntry>
                        <outputEntry id="rule-cardiology-bp-severity"><text>"urgent"</text></outputEntry>
                        <outputEntry id="rule-cardiology-bp-reason"><text>"Systolic 160 or more (heart center)"</text></outputEntry>
                      </rule>
                """;
        int firstRule = shipped.indexOf("<rule ");
        ReadingThresholds departmental = new CareRules().readingThresholds();
        departmental.replace(shipped.substring(0, firstRule) + row.strip() + "\n      " + shipped.substring(firstRule));
        Reading pressure = new Reading("blood-pressure", 165, 90, "mm[Hg]");

        assertThat(departmental.judge(pressure, null, null, "cardiology").reason())
                .isEqualTo("Systolic 160 or more (heart center)");
        assertThat(departmental.judge(pressure, null, null, "main").alert()).isFalse();
        assertThat(departmental.judge(pressure, null, null, null).alert()).isFalse();
        Reading crisis = new Reading("blood-pressure", 185, 90, "mm[Hg]");
        assertThat(departmental.judge(crisis, null, null, "cardiology"))
                .as("beyond its own range, the general rows hold for the department too")
                .isEqualTo(departmental.judge(crisis, null, null, "main"));
        assertThat(departmental.judge(crisis, null, null, "main").alert()).isTrue();
    }
}
