package org.careloop.rules.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.careloop.rules.CareRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The held-out evaluation set ({@code src/test/resources/triage-evaluation/}): every red flag must reach the nurse
 * queue, and at least 90% of benign replies must stay out of it and be read as fine. Prints the figures per
 * concept, for BENCHMARKS.md.
 */
class TriageEvaluationTest {

    private static ReplyTriage triage;

    record Case(String expected, String concept, String reply) {}

    @BeforeAll
    static void buildRules() {
        triage = new CareRules().replyTriage();
    }

    static List<Case> cases(String language) throws IOException {
        try (InputStream in =
                TriageEvaluationTest.class.getResourceAsStream("/triage-evaluation/replies-" + language + ".tsv")) {
            List<Case> cases = new ArrayList<>();
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 1; i < lines.length; i++) {
                String[] cols = lines[i].split("\t", 3);
                if (cols.length == 3) {
                    cases.add(new Case(cols[0], cols[1], cols[2].strip()));
                }
            }
            return cases;
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"en", "es"})
    void everyRedFlagReachesANurseAndBenignRepliesStayOut(String language) throws IOException {
        List<Case> cases = cases(language);
        List<String> missed = new ArrayList<>();
        List<String> benignEscalated = new ArrayList<>();
        Map<String, int[]> perConcept = new TreeMap<>();
        int redFlags = 0;
        int caught = 0;
        int benign = 0;
        int benignKeptOut = 0;
        int predictedFine = 0;
        int predictedFineAndBenign = 0;
        for (Case c : cases) {
            TriageDecision decision = triage.triage(c.reply(), language);
            boolean nurse = "nurse".equals(decision.team());
            boolean fine = decision.action() == TriageAction.CONTINUE;
            if (fine) {
                predictedFine++;
                if (c.expected().equals("benign")) {
                    predictedFineAndBenign++;
                }
            }
            switch (c.expected()) {
                case "red-flag" -> {
                    redFlags++;
                    int[] counts = perConcept.computeIfAbsent(c.concept(), k -> new int[2]);
                    counts[1]++;
                    if (nurse) {
                        caught++;
                        counts[0]++;
                    } else {
                        missed.add(c.reply() + " -> " + decision.action() + " " + decision.reasonText());
                    }
                }
                case "benign" -> {
                    benign++;
                    if (fine) {
                        benignKeptOut++;
                    } else {
                        benignEscalated.add(c.reply() + " -> " + decision.action() + " " + decision.reasonText());
                    }
                }
                default -> {
                    if (nurse) {
                        benignEscalated.add("(routine) " + c.reply() + " -> " + decision.reasonText());
                    }
                }
            }
        }
        double recall = 100.0 * caught / redFlags;
        double benignFine = 100.0 * benignKeptOut / benign;
        double benignPrecision = predictedFine == 0 ? 0 : 100.0 * predictedFineAndBenign / predictedFine;
        System.out.printf(
                "triage-evaluation %s: %d replies; red-flag recall %d/%d (%.1f%%); benign read as fine %d/%d (%.1f%%); "
                        + "benign precision %d/%d (%.1f%%)%n",
                language,
                cases.size(),
                caught,
                redFlags,
                recall,
                benignKeptOut,
                benign,
                benignFine,
                predictedFineAndBenign,
                predictedFine,
                benignPrecision);
        perConcept.forEach((concept, counts) ->
                System.out.printf("triage-evaluation %s concept %s: %d/%d%n", language, concept, counts[0], counts[1]));
        benignEscalated.forEach(b -> System.out.println("triage-evaluation " + language + " benign escalated: " + b));

        assertThat(missed).as("red flags that did not reach a nurse").isEmpty();
        assertThat(benignFine)
                .as("benign replies read as fine: " + benignEscalated)
                .isGreaterThanOrEqualTo(90.0);
        assertThat(benignPrecision).as("replies read as fine that are benign").isGreaterThanOrEqualTo(90.0);
    }
}
