package org.careloop.engine.programs;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** Sums up the outcomes of a program's check-ins into the program's one outcome. */
final class ProgramOutcome {

    private ProgramOutcome() {
    }

    static String of(String... checkIns) {
        List<String> outcomes = Arrays.stream(checkIns).filter(Objects::nonNull).toList();
        if (outcomes.contains("opted-out")) {
            return "opted-out";
        }
        if (outcomes.contains("handed-off")) {
            return "completed-handed-off";
        }
        if (outcomes.contains("replied")) {
            return "completed-engaged";
        }
        return "completed-no-response";
    }

    static String describe(String outcome) {
        return switch (outcome) {
            case "opted-out" -> "Patient opted out of messages";
            case "completed-handed-off" -> "Program completed; at least one reply was handed to the care team";
            case "completed-engaged" -> "Program completed; the patient replied and reported no concerns";
            default -> "Program completed without a reply from the patient";
        };
    }
}
