package org.careloop.engine.chronic;

import org.careloop.rules.chronic.ReadingThresholds;
import org.careloop.rules.chronic.Readings;
import org.springframework.stereotype.Component;

/**
 * What an automated call says after the patient entered a reading: a reading past the thresholds the thresholds
 * model sets on its own (glucose, blood pressure, an absolute weight) is told to need attention, with 911 first;
 * any other is thanked for, neutrally, since the check-in's rules (which also weigh a weight against the week's) have
 * not read it yet. Either way the reading goes on as a reply, is recorded and judged like a texted one, and a person
 * follows up where the rules say.
 */
@Component
public class ReadingsOnACall {

    private static final Readings READINGS = new Readings();

    private final ReadingThresholds thresholds;

    ReadingsOnACall(ReadingThresholds thresholds) {
        this.thresholds = thresholds;
    }

    /**
     * @param measure    what the check-in asked for (weight, glucose, blood-pressure)
     * @param reply      the reading as a reply ("182", "130/80")
     * @param department the patient's department, whose own thresholds come first
     * @return the voice script to end the call with
     */
    public String answer(String measure, String reply, String department) {
        return READINGS.read(reply, measure, "en")
                .map(reading -> thresholds.judge(reading, null, null, department))
                .filter(ReadingThresholds.Verdict::alert)
                .map(alert -> "voice-reading-alert")
                .orElse("voice-reading-thanks");
    }
}
