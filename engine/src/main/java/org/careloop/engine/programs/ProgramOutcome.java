package org.careloop.engine.programs;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.careloop.processes.CheckInOutcome;

/** Sums up the outcomes of a program's check-ins into the program's one outcome. */
final class ProgramOutcome {

    static final String OPTED_OUT = "opted-out";

    private ProgramOutcome() {}

    static String of(String... checkIns) {
        Set<CheckInOutcome> outcomes = Arrays.stream(checkIns)
                .filter(Objects::nonNull)
                .map(CheckInOutcome::ofCode)
                .flatMap(java.util.Optional::stream)
                .collect(Collectors.toSet());
        if (outcomes.contains(CheckInOutcome.OPTED_OUT)) {
            return OPTED_OUT;
        }
        if (outcomes.contains(CheckInOutcome.HANDED_OFF)) {
            return "completed-handed-off";
        }
        if (outcomes.contains(CheckInOutcome.REPLIED)) {
            return "completed-engaged";
        }
        return "completed-no-response";
    }

    static String describe(String outcome) {
        return switch (outcome) {
            case OPTED_OUT -> "Patient opted out of messages";
            case "completed-handed-off" -> "Program completed; at least one reply was handed to the care team";
            case "completed-engaged" -> "Program completed; the patient replied and reported no concerns";
            default -> "Program completed without a reply from the patient";
        };
    }
}
