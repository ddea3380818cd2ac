package org.careloop.rules.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.careloop.rules.CareRules;
import org.careloop.rules.triage.ReplyTriage;
import org.careloop.rules.triage.Severity;
import org.careloop.rules.triage.TriageAction;
import org.careloop.rules.triage.TriageDecision;
import org.junit.jupiter.api.Test;

class ReplyClassifierTest {

    @Test
    void theCorpusHoldsAtLeastSixHundredDistinctRepliesInBothLanguages() {
        List<ReplyClassifier.Example> corpus = ReplyClassifier.corpus();

        assertThat(corpus.stream().map(ReplyClassifier.Example::text).distinct().count())
                .isGreaterThanOrEqualTo(600);
        assertThat(corpus).anySatisfy(e -> assertThat(e.text()).contains("me siento"));
    }

    /** Every fifth reply held out; precision and recall per category are printed for BENCHMARKS.md. */
    @Test
    void heldOutRepliesAreMostlyCategorisedRight() {
        List<ReplyClassifier.Example> corpus = ReplyClassifier.corpus();
        List<ReplyClassifier.Example> heldOut = new java.util.ArrayList<>();
        List<ReplyClassifier.Example> training = new java.util.ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
            (i % 5 == 0 ? heldOut : training).add(corpus.get(i));
        }
        ReplyClassifier classifier = ReplyClassifier.trainedOn(training, e -> true);
        Map<String, int[]> counts = new TreeMap<>(); // true positives, predicted, actual
        int right = 0;
        for (ReplyClassifier.Example e : heldOut) {
            String predicted = classifier.classify(e.text()).getCategory();
            counts.computeIfAbsent(predicted, k -> new int[3])[1]++;
            counts.computeIfAbsent(e.category(), k -> new int[3])[2]++;
            if (predicted.equals(e.category())) {
                counts.get(predicted)[0]++;
                right++;
            }
        }
        counts.forEach((category, c) -> System.out.printf(
                "classifier held-out %s: precision %d/%d, recall %d/%d%n", category, c[0], c[1], c[0], c[2]));
        double accuracy = (double) right / heldOut.size();
        System.out.printf("classifier held-out accuracy: %d/%d (%.1f%%)%n", right, heldOut.size(), 100 * accuracy);

        assertThat(accuracy).isGreaterThanOrEqualTo(0.8);
        assertThat(counts.get("symptom")[0]).as("symptoms found").isGreaterThanOrEqualTo((int)
                (0.85 * counts.get("symptom")[2]));
    }

    @Test
    void aSymptomTheLexiconCannotNameStillReachesANurse() {
        ReplyTriage triage = new CareRules().replyTriage();

        TriageDecision decision = triage.triage("I can barely walk today", "en");

        assertThat(decision.team()).as(decision.reasonText()).isEqualTo("nurse");
    }

    @Test
    void theClassifierNeverLowersWhatTheRulesDecided() {
        ReplyClassifier saysFine = ReplyClassifier.trainedOn(
                List.of(
                        new ReplyClassifier.Example("fine", "chest pain"),
                        new ReplyClassifier.Example("fine", "my chest hurts"),
                        new ReplyClassifier.Example("unclear", "hmm")),
                e -> true);
        ReplyTriage triage = new ReplyTriage(new CareRules().kieBaseForTriage(), Interpreter.standard(), saysFine);

        TriageDecision decision = triage.triage("chest pain", "en");

        assertThat(saysFine.classify("chest pain").getCategory()).isEqualTo("fine");
        assertThat(decision.action()).isEqualTo(TriageAction.URGENT);
        assertThat(decision.severity()).isEqualTo(Severity.EMERGENCY);
    }
}
