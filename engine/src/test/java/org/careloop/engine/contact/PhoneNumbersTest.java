package org.careloop.engine.contact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhoneNumbersTest {

    private final PhoneNumbers numbers = new PhoneNumbers("US");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "none", textBlock = """
            617-555-0142,        +16175550142
            (617) 555 0142,      +16175550142
            +1 617 555 0142,     +16175550142
            +44 7400 123456,     +447400123456
            +44 20 7946 0018,    none
            555-960-3741,        none
            12345,               none
            not a number,        none
            ,                    none
            """)
    void acceptsOnlyValidNumbersThatCanReceiveTexts(String raw, String expected) {
        assertThat(numbers.mobileE164(raw).orElse(null)).isEqualTo(expected);
    }
}
