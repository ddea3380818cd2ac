package org.careloop.rules.language;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import opennlp.tools.doccat.BagOfWordsFeatureGenerator;
import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.doccat.NGramFeatureGenerator;
import opennlp.tools.util.CollectionObjectStream;
import opennlp.tools.util.TrainingParameters;

/**
 * An Apache OpenNLP document categorizer, trained at start from the labelled corpus that ships with CareLoop
 * ({@code classifier-corpus.tsv}: symptom, fine, question, person, admin, unclear; English and Spanish). The rules
 * consult it only when they found nothing at all in a reply, only to route it, and never to lower a severity.
 */
public final class ReplyClassifier {

    private static final String CORPUS = "org/careloop/rules/language/classifier-corpus.tsv";
    private static final java.util.regex.Pattern NON_WORD = java.util.regex.Pattern.compile("[^\\p{L}\\p{N}]+");

    /** A labelled reply of the corpus. */
    public record Example(String category, String text) {}

    private final DoccatModel model;

    private ReplyClassifier(DoccatModel model) {
        this.model = model;
    }

    /** Trained on the whole shipped corpus. */
    public static ReplyClassifier trained() {
        return trainedOn(corpus(), e -> true);
    }

    /** Trained on the examples the filter keeps (for a held-out evaluation). */
    public static ReplyClassifier trainedOn(List<Example> examples, Predicate<Example> keep) {
        List<DocumentSample> samples = new ArrayList<>();
        for (Example e : examples) {
            if (keep.test(e)) {
                samples.add(new DocumentSample(e.category(), tokens(e.text())));
            }
        }
        TrainingParameters parameters = TrainingParameters.defaultParams();
        parameters.put(TrainingParameters.CUTOFF_PARAM, 1);
        parameters.put(TrainingParameters.ITERATIONS_PARAM, 100);
        try {
            DoccatFactory factory = new DoccatFactory(
                    new FeatureGenerator[] {new BagOfWordsFeatureGenerator(), new NGramFeatureGenerator(2, 2)});
            return new ReplyClassifier(
                    DocumentCategorizerME.train("mul", new CollectionObjectStream<>(samples), parameters, factory));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The category the classifier finds most likely, with its probability. */
    public ClassifierOpinion classify(String text) {
        String[] tokens = tokens(text);
        if (tokens.length == 0) {
            return new ClassifierOpinion("unclear", 1.0);
        }
        DocumentCategorizerME categorizer = new DocumentCategorizerME(model);
        double[] outcomes = categorizer.categorize(tokens);
        String best = categorizer.getBestCategory(outcomes);
        return new ClassifierOpinion(best, outcomes[categorizer.getIndex(best)]);
    }

    public static List<Example> corpus() {
        List<Example> examples = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                ReplyClassifier.class.getClassLoader().getResourceAsStream(CORPUS), StandardCharsets.UTF_8))) {
            reader.lines()
                    .skip(1)
                    .map(l -> l.split("\t", 2))
                    .filter(c -> c.length == 2)
                    .forEach(c -> examples.add(new Example(c[0], c[1])));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return examples;
    }

    private static String[] tokens(String text) {
        return java.util.Arrays.stream(NON_WORD.split(Normaliser.foldCase(text == null ? "" : text)))
                .filter(t -> !t.isBlank())
                .toArray(String[]::new);
    }
}
