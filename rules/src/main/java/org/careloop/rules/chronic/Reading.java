package org.careloop.rules.chronic;

/**
 * One measurement: {@code glucose} (mg/dL), {@code blood-pressure} (systolic and diastolic, mmHg) or {@code weight}
 * (in {@code lb} or {@code kg}, as given).
 */
public record Reading(String kind, double value, double second, String unit) {

    private static final double POUNDS_PER_KG = 2.20462;

    /** A weight in pounds, whatever unit it was given in. */
    public double pounds() {
        return "kg".equals(unit) ? value * POUNDS_PER_KG : value;
    }
}
