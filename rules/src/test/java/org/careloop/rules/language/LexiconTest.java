package org.careloop.rules.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.careloop.rules.triage.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The lexicon's data files: complete enough for a clinical reviewer to rely on. */
class LexiconTest {

    private static final Lexicon LEXICON = Lexicon.standard();

    /** The concepts every language must cover with at least ten ways of saying them. */
    private static final List<String> REQUIRED = List.of(
            "self-harm",
            "chest-pain",
            "cardiac-warning",
            "cannot-breathe",
            "shortness-of-breath",
            "fainting",
            "stroke-signs",
            "heavy-bleeding",
            "fever",
            "dehydration",
            "palpitations",
            "severe-pain",
            "wound-problem",
            "confusion",
            "leg-swelling",
            "low-blood-sugar",
            "allergic-reaction",
            "anaphylaxis",
            "fall",
            "dizziness",
            "reassurance");

    @ParameterizedTest(name = "{0}")
    @CsvSource({"en", "es"})
    void everyRequiredConceptHasAtLeastTenPhrasingsInEachLanguage(String language) {
        assertThat(LEXICON.languages()).contains(language);
        for (String concept : REQUIRED) {
            assertThat(LEXICON.phrases(concept, language))
                    .as(concept + " in " + language)
                    .hasSizeGreaterThanOrEqualTo(10);
        }
    }

    @Test
    void everyRedFlagConceptHasASeverityAndASnomedCode() {
        LEXICON.concepts().values().stream()
                .filter(c -> c.severity() == Severity.CRISIS
                        || c.severity() == Severity.EMERGENCY
                        || c.severity() == Severity.URGENT)
                .forEach(c -> assertThat(c.snomed()).as(c.id()).matches("\\d{6,18}"));
    }

    @Test
    void everyConceptIsSaidInEveryLanguage() {
        for (String language : LEXICON.languages()) {
            for (String concept : LEXICON.concepts().keySet()) {
                assertThat(LEXICON.phrases(concept, language))
                        .as(concept + " in " + language)
                        .isNotEmpty();
            }
        }
    }

    @Test
    void phrasesMustStartAndEndWithAWord() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Phrase.of(".. pain"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
