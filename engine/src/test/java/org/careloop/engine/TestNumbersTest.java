package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.careloop.engine.contact.PhoneNumbers;
import org.junit.jupiter.api.Test;

class TestNumbersTest {

    @Test
    void numbersForTestPatientsNeverRepeatAreMobilesAndStayClearOfTheFixedOnes() {
        PhoneNumbers phoneNumbers = new PhoneNumbers("US");
        Set<String> numbers = new HashSet<>();
        for (int i = 0; i < 3_000; i++) {
            numbers.add(TestNumbers.unused("+1617555"));
        }

        assertThat(numbers).hasSize(3_000);
        assertThat(numbers).allSatisfy(number -> {
            assertThat(phoneNumbers.mobileE164(number)).contains(number);
            int line = Integer.parseInt(number.substring("+1617555".length()));
            assertThat(line).isBetween(2000, 8999);
        });
    }
}
