package org.careloop.rules.language;

/**
 * A value a patient reports, in a fixed unit: {@code temperature} (°C), {@code glucose} (mg/dL),
 * {@code blood-pressure} (systolic and diastolic mmHg), {@code pain} (0–10), {@code weight}, {@code pulse}
 * (beats per minute; weight in the unit the patient gave), {@code time} (minutes after midnight) and {@code weekday} (1 Monday … 7 Sunday; 0 today,
 * 8 tomorrow).
 */
public final class ReportedValue {

    private final String kind;
    private final double value;
    private final double second;
    private final String unit;

    public ReportedValue(String kind, double value, double second, String unit) {
        this.kind = kind;
        this.value = value;
        this.second = second;
        this.unit = unit;
    }

    public String getKind() {
        return kind;
    }

    public double getValue() {
        return value;
    }

    /** The diastolic pressure of a blood pressure; 0 for other kinds. */
    public double getSecond() {
        return second;
    }

    public String getUnit() {
        return unit;
    }

    public String getDescription() {
        String number = value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
        return switch (kind) {
            case "blood-pressure" -> "blood pressure " + number + "/" + (long) second + " mmHg";
            case "temperature" -> "temperature " + number + " °C";
            case "glucose" -> "glucose " + number + " mg/dL";
            case "pain" -> "pain " + number + "/10";
            case "pulse" -> "pulse " + number + "/min";
            case "weight" -> "weight " + number + (unit.isEmpty() ? "" : " " + unit);
            default -> kind + " " + number;
        };
    }

    @Override
    public String toString() {
        return getDescription();
    }
}
