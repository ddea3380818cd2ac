package org.careloop.forms.templates;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** SMS length as carriers count it: GSM-7 160/153 with two places per extension character, else UCS-2 70/67. */
class SmsSegmentsTest {

    @Test
    void oneHundredSixtyGsmCharactersFitOneSegmentAndOneMoreMakesTwoOf153() {
        assertThat(SmsSegments.of("a".repeat(160))).isEqualTo(new SmsSegments("GSM-7", 160, 1, 160));
        assertThat(SmsSegments.of("a".repeat(161))).isEqualTo(new SmsSegments("GSM-7", 161, 2, 153));
        assertThat(SmsSegments.of("a".repeat(307)).segments()).isEqualTo(3);
    }

    @Test
    void extensionCharactersTakeTwoPlacesAndGsmAccentsStayGsm() {
        assertThat(SmsSegments.of("€[]").units()).isEqualTo(6);
        assertThat(SmsSegments.of("a".repeat(159) + "€")).isEqualTo(new SmsSegments("GSM-7", 161, 2, 153));
        assertThat(SmsSegments.of("¿Qué tal? Señor Müller, à bientôt").encoding())
                .as("ô is not in the GSM alphabet")
                .isEqualTo("UCS-2");
        assertThat(SmsSegments.of("¿Qué tal? Señor Müller").encoding()).isEqualTo("GSM-7");
    }

    @Test
    void oneCharacterOutsideTheAlphabetSendsTheWholeMessageInUcs2() {
        assertThat(SmsSegments.of("Está bien")).isEqualTo(new SmsSegments("UCS-2", 9, 1, 70));
        assertThat(SmsSegments.of("á" + "a".repeat(69))).isEqualTo(new SmsSegments("UCS-2", 70, 1, 70));
        assertThat(SmsSegments.of("á" + "a".repeat(70))).isEqualTo(new SmsSegments("UCS-2", 71, 2, 67));
        assertThat(SmsSegments.of("ok 👍").units())
                .as("an emoji is two UTF-16 units")
                .isEqualTo(5);
    }

    @Test
    void theDescriptionSaysEncodingSegmentsAndRoom() {
        assertThat(SmsSegments.of("a".repeat(161)).describe()).isEqualTo("GSM-7 · 2 segments (161 of 306)");
        assertThat(SmsSegments.of("Hola").describe()).isEqualTo("GSM-7 · 1 segment (4 of 160)");
    }
}
