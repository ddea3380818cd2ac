package org.careloop.engine;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Phone numbers for patients made by the stack tests, which share one application context and its database: a number
 * another test has already written to would make a patient's first message not its first (no introduction), or give
 * a reply to the wrong patient. Each number is handed out once per JVM, and its line number lies between 2000 and 8999,
 * apart from the fixed numbers tests name themselves (below 2000 or from 9000).
 */
public final class TestNumbers {

    private static final Set<String> GIVEN = ConcurrentHashMap.newKeySet();

    private TestNumbers() {}

    /** A number no other caller has had in this JVM: the prefix (country, area and exchange) and four digits. */
    public static String unused(String prefix) {
        for (int tries = 0; tries < 100_000; tries++) {
            String number = prefix + (2000 + ThreadLocalRandom.current().nextInt(7000));
            if (GIVEN.add(number)) {
                return number;
            }
        }
        throw new IllegalStateException("no unused number left after " + prefix);
    }
}
