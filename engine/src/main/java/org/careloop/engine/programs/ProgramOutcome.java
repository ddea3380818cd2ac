package org.careloop.engine.programs;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.careloop.processes.CheckInOutcome;

/** Sums up the outcomes of a program's check-ins into the program's one outcome. */
final class ProgramOutcome {

    static final String OPTED_OUT = "opted-out";
    /** A check-in could not be sent: the patient has not consented to be texted for their care. */
    static final String NO_CONSENT = "no-consent";
    /** A newer stay began within the readmission window of the program's discharge. */
    static final String READMITTED = "readmitted";
    /** A newer stay, outside the readmission window, started the program again. */
    static final String SUPERSEDED = "superseded";

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
        if (outcomes.contains(CheckInOutcome.NO_CONSENT)) {
            return NO_CONSENT;
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
            case NO_CONSENT -> "Program ended: the patient has not consented to be texted for their care";
            case READMITTED -> "Program ended: the patient was readmitted";
            case SUPERSEDED -> "Program ended: the patient had a newer hospital stay";
            case "completed-handed-off" -> "Program completed; at least one reply was handed to the care team";
            case "completed-engaged" -> "Program completed; the patient replied and reported no concerns";
            default -> "Program completed without a reply from the patient";
        };
    }
}
