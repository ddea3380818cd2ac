package org.careloop.rules.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InterpreterTest {

    private static final Interpreter INTERPRETER = Interpreter.standard();

    private static List<String> concepts(String reply, String language) {
        return INTERPRETER.read(reply, language).mentions().stream()
                .filter(m -> !m.isNegated())
                .map(ConceptMention::getConcept)
                .toList();
    }

    @ParameterizedTest(name = "\"{0}\" ({1}) mentions {2}")
    @CsvSource(delimiter = '|', textBlock = """
            CHEST PAIN!!!                      | en | chest-pain
            Tengo DOLOR en el PÉCHO            | es | chest-pain
            u r making me dizzy                | en | dizziness
            tngo fiebre                        | es | fever
            xq me duele el pecho               | es | chest-pain
            🤮                                 | en | vomiting
            😵                                 | en | dizziness
            fiver and chills                   | en | fever
            my ankels are swollen              | en | leg-swelling
            pls call me                        | en | wants-person
            """)
    void normalisesCaseAccentsEmojiShorthandAndSpelling(String reply, String language, String concept) {
        assertThat(concepts(reply, language)).contains(concept);
    }

    @Test
    void negationHasAScopeThatEndsAtAndAndAtAClause() {
        Interpretation read = INTERPRETER.read("no fever and chest pain", "en");

        assertThat(read.mentions())
                .anySatisfy(m -> {
                    assertThat(m.getConcept()).isEqualTo("fever");
                    assertThat(m.isNegated()).isTrue();
                })
                .anySatisfy(m -> {
                    assertThat(m.getConcept()).isEqualTo("chest-pain");
                    assertThat(m.isNegated()).isFalse();
                });
    }

    @Test
    void wordsThatLookLikeNegationDoNotNegate() {
        assertThat(INTERPRETER.read("nothing helps the chest pain", "en").mentions())
                .anySatisfy(m -> assertThat(m.getConcept() + m.isNegated()).isEqualTo("chest-painfalse"));
        assertThat(INTERPRETER.read("the bleeding hasnt stopped", "en").mentions())
                .anySatisfy(m -> assertThat(m.getConcept() + m.isNegated()).isEqualTo("bleedingfalse"));
    }

    @Test
    void uncertaintyAndAnotherPersonQualifyButDoNotNegate() {
        ConceptMention uncertain = INTERPRETER
                .read("not sure if it's my heart racing", "en")
                .mentions()
                .get(0);
        ConceptMention husband =
                INTERPRETER.read("my husband has chest pain", "en").mentions().get(0);

        assertThat(uncertain.isUncertain()).isTrue();
        assertThat(uncertain.isNegated()).isFalse();
        assertThat(husband.isOtherPerson()).isTrue();
        assertThat(husband.getDescription()).isEqualTo("Chest pain or pressure (about someone else)");
    }

    @Test
    void clinicalWordsNothingExplainsAreListed() {
        Interpretation read = INTERPRETER.read("my stomach feels weird since the new pills", "en");

        assertThat(read.unresolved())
                .extracting(UnresolvedTerm::getCategory)
                .contains("body-part", "feeling", "medicine");
    }

    @Test
    void aClinicalWordFollowedByReassuranceOrNegatedIsSettled() {
        assertThat(INTERPRETER.read("my arm is fine", "en").unresolved()).isEmpty();
        assertThat(INTERPRETER.read("no headache", "en").denied())
                .extracting(UnresolvedTerm::getTerm)
                .containsExactly("headache");
    }

    @ParameterizedTest(name = "\"{0}\" -> {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            bp 150/95                    | blood-pressure | 150
            150 over 95                  | blood-pressure | 150
            presion 150 sobre 95         | blood-pressure | 150
            glucose 182                  | glucose        | 182
            sugar was 5.6                | glucose        | 101
            azucar 55                    | glucose        | 55
            temp 101.8                   | temperature    | 38.8
            38.5 C                       | temperature    | 38.5
            100.4F this morning          | temperature    | 38.0
            39 de temperatura            | temperature    | 39
            pain 8/10                    | pain           | 8
            dolor de 7                   | pain           | 7
            weight 212 lb                | weight         | 212
            peso 96 kg                   | weight         | 96
            pulse 48                     | pulse          | 48
            can we do 3pm                | time           | 900
            a las 10:30                  | time           | 630
            friday works                 | weekday        | 5
            el lunes                     | weekday        | 1
            """)
    void readsStructuredValues(String reply, String kind, double value) {
        assertThat(INTERPRETER.read(reply, null).values()).anySatisfy(v -> {
            assertThat(v.getKind()).isEqualTo(kind);
            assertThat(v.getValue()).isCloseTo(value, within(0.05));
        });
    }

    @Test
    void bloodPressureIsNotReadAsAPainScore() {
        assertThat(INTERPRETER.read("150/95", null).values())
                .extracting(ReportedValue::getKind)
                .containsExactly("blood-pressure");
        assertThat(INTERPRETER.read("pain 10/10", null).values())
                .extracting(ReportedValue::getKind)
                .containsExactly("pain");
    }

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource({
        "STOP, stop",
        "Stop., stop",
        "unsubscribe, stop",
        "BASTA, stop",
        "START, start",
        "help, help",
        "AYUDA, help",
        "AGENT, agent",
        "human, agent",
        "Persona, agent",
        "yes, yes",
        "Sí, yes",
        "no, no",
        "C, confirm",
        "R, reschedule",
        "X, cancel-appointment"
    })
    void wholeMessageKeywords(String reply, String family) {
        assertThat(INTERPRETER.read(reply, null).keyword()).isEqualTo(family);
    }

    @Test
    void aKeywordInsideASentenceIsNotAKeyword() {
        assertThat(INTERPRETER.read("the bleeding won't stop", null).keyword()).isNull();
    }

    @Test
    void thePatientsLanguageIsAskedForOnlyWhenAWordOfTheReplyIsShorthand() {
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        java.util.function.Supplier<String> spanish = () -> {
            asked.incrementAndGet();
            return "es";
        };

        INTERPRETER.readAsking("I have chest pain since this morning", spanish);
        assertThat(asked).hasValue(0);

        Interpretation read = INTERPRETER.readAsking("pq me duele el pecho", spanish);
        assertThat(asked).hasValue(1);
        assertThat(read.normalised()).contains("pq");
        assertThat(read.toString())
                .isEqualTo(INTERPRETER.read("pq me duele el pecho", "es").toString());
    }

    /** Asking for the language only when it matters reads every known reply as giving it does, in every language. */
    @Test
    void everyKnownReplyReadsTheSameWhetherItsLanguageIsGivenOrAskedFor() throws Exception {
        List<String> replies = org.careloop.rules.triage.KnownReplies.all();
        int asked = 0;
        for (String reply : replies) {
            for (String language : java.util.Arrays.asList("en", "es", null)) {
                int[] calls = {0};
                Interpretation lazily = INTERPRETER.readAsking(reply, () -> {
                    calls[0]++;
                    return language;
                });
                assertThat(lazily.toString())
                        .as("\"%s\" (%s)", reply, language)
                        .isEqualTo(INTERPRETER.read(reply, language).toString());
                asked += calls[0];
            }
        }
        assertThat(asked).as("readings that needed the language").isPositive();
    }
}
