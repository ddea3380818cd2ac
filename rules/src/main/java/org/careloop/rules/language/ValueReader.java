package org.careloop.rules.language;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the values in a normalised reply: blood pressure ("150/95", "150 over 95"), glucose ("sugar 182",
 * "glucosa 48", "bs 5.6" in mmol/L), temperature ("temp 101.8", "38.5 C", "39 de temperatura", a bare "38.9"),
 * pain ("pain 8/10", "dolor de 9"), weight, pulse, times ("3pm", "a las 10") and days ("friday", "manana").
 * Each stretch of text is read once, the most specific reading first.
 */
final class ValueReader {

    private static final String NUMBER = "(\\d{1,3}(?:[.,]\\d{1,2})?)";
    private static final Pattern BLOOD_PRESSURE =
            Pattern.compile("(?<![\\d.,])(\\d{2,3})\\s*(?:/|over|sobre)\\s*(\\d{2,3})(?![\\d.,])");
    private static final Pattern PAIN_SCALE =
            Pattern.compile("(?<![\\d.,/])(\\d{1,2})\\s*(?:/|out of|de|sobre)\\s*10(?![\\d.,])");
    private static final Pattern PAIN =
            Pattern.compile("\\b(?:pain|dolor)\\b[^\\d]{0,12}?(?<![\\d.,])(\\d{1,2})(?![\\d.,/])");
    private static final Pattern GLUCOSE = Pattern.compile(
            "\\b(?:glucose|blood sugar|sugar|glucosa|azucar|bg|gluc)\\b[^\\d]{0,15}?" + NUMBER + "(?![\\d/])");
    private static final Pattern TEMPERATURE_WORD =
            Pattern.compile("\\b(?:temp\\w*|fever|fiebre|calentura|febril)\\b[^\\d]{0,15}?" + NUMBER
                    + "\\s*(?:°|degrees|grados|deg)?\\s*([fc])?\\b");
    private static final Pattern TEMPERATURE_AFTER = Pattern.compile(
            "(?<![\\d.,])" + NUMBER + "\\s*(?:°|degrees|grados)?\\s*(?:de\\s+)?(?:temperatura|fiebre|of fever)");
    private static final Pattern TEMPERATURE_UNIT =
            Pattern.compile("(?<![\\d.,])" + NUMBER + "\\s*(?:°\\s*([fc])?|degrees|grados|([fc])\\b)");
    private static final Pattern BARE_DECIMAL = Pattern.compile("(?<![\\d.,/])(\\d{2,3}[.,]\\d)(?![\\d/])");
    private static final Pattern WEIGHT = Pattern.compile("\\b(?:weight|weigh|weighed|weighs|peso|pese)\\b[^\\d]{0,10}?"
            + NUMBER + "\\s*(lbs?|pounds|libras|kg|kilos?)?");
    private static final Pattern PULSE =
            Pattern.compile("\\b(?:pulse|heart rate|hr|pulso|frecuencia cardiaca)\\b[^\\d]{0,10}?(\\d{2,3})\\b");
    private static final Pattern TIME = Pattern.compile(
            "\\b(\\d{1,2})(?::(\\d{2}))?\\s*(am|pm|a m|p m)\\b|\\b(\\d{1,2}):(\\d{2})\\b|\\ba las (\\d{1,2})(?::(\\d{2}))?");
    private static final Map<String, Integer> DAYS = Map.ofEntries(
            Map.entry("monday", 1),
            Map.entry("tuesday", 2),
            Map.entry("wednesday", 3),
            Map.entry("thursday", 4),
            Map.entry("friday", 5),
            Map.entry("saturday", 6),
            Map.entry("sunday", 7),
            Map.entry("lunes", 1),
            Map.entry("martes", 2),
            Map.entry("miercoles", 3),
            Map.entry("jueves", 4),
            Map.entry("viernes", 5),
            Map.entry("sabado", 6),
            Map.entry("domingo", 7),
            Map.entry("today", 0),
            Map.entry("hoy", 0),
            Map.entry("tomorrow", 8));
    private static final Pattern DAY =
            Pattern.compile("\\b(" + String.join("|", DAYS.keySet()) + ")\\b|(?<!la |esta )\\bmanana\\b");

    private ValueReader() {}

    static List<ReportedValue> read(String text) {
        List<ReportedValue> values = new ArrayList<>();
        BitSet used = new BitSet(text.length());
        each(
                BLOOD_PRESSURE,
                text,
                used,
                m -> {
                    double sys = number(m.group(1));
                    double dia = number(m.group(2));
                    return sys >= 60 && sys <= 260 && dia >= 30 && dia <= 160 && sys > dia
                            ? new ReportedValue("blood-pressure", sys, dia, "mm[Hg]")
                            : null;
                },
                values);
        each(
                GLUCOSE,
                text,
                used,
                m -> {
                    double v = number(m.group(1));
                    if (v < 35) {
                        v = Math.round(v * 18.0); // mmol/L
                    }
                    return v >= 10 && v <= 1000 ? new ReportedValue("glucose", v, 0, "mg/dL") : null;
                },
                values);
        each(TEMPERATURE_WORD, text, used, m -> temperature(m.group(1), m.group(2)), values);
        each(TEMPERATURE_AFTER, text, used, m -> temperature(m.group(1), null), values);
        each(
                TEMPERATURE_UNIT,
                text,
                used,
                m -> temperature(m.group(1), m.group(2) != null ? m.group(2) : m.group(3)),
                values);
        each(
                WEIGHT,
                text,
                used,
                m -> {
                    double v = number(m.group(1));
                    String unit = m.group(2) == null ? "" : m.group(2).startsWith("k") ? "kg" : "lb";
                    return v >= 20 && v <= 700 ? new ReportedValue("weight", v, 0, unit) : null;
                },
                values);
        each(
                PULSE,
                text,
                used,
                m -> {
                    double v = number(m.group(1));
                    return v >= 20 && v <= 250 ? new ReportedValue("pulse", v, 0, "/min") : null;
                },
                values);
        each(PAIN_SCALE, text, used, m -> pain(m.group(1)), values);
        each(PAIN, text, used, m -> pain(m.group(1)), values);
        each(
                TIME,
                text,
                used,
                m -> {
                    String hour = m.group(1) != null ? m.group(1) : m.group(4) != null ? m.group(4) : m.group(6);
                    String minute = m.group(1) != null ? m.group(2) : m.group(4) != null ? m.group(5) : m.group(7);
                    int h = Integer.parseInt(hour);
                    int min = minute == null ? 0 : Integer.parseInt(minute);
                    if (m.group(3) != null && m.group(3).startsWith("p") && h < 12) {
                        h += 12;
                    }
                    return h <= 23 && min <= 59 ? new ReportedValue("time", h * 60 + min, 0, "min") : null;
                },
                values);
        each(
                BARE_DECIMAL,
                text,
                used,
                m -> {
                    double v = number(m.group(1));
                    return v >= 35 && v <= 43 || v >= 95 && v <= 110 ? temperature(m.group(1), null) : null;
                },
                values);
        each(
                DAY,
                text,
                used,
                m -> new ReportedValue("weekday", m.group(1) == null ? 8 : DAYS.get(m.group(1)), 0, "day"),
                values);
        return values;
    }

    private static ReportedValue temperature(String number, String unit) {
        double v = number(number);
        boolean fahrenheit = unit != null ? unit.equals("f") : v >= 50;
        double celsius = fahrenheit ? Math.round((v - 32) * 5 / 9 * 10) / 10.0 : v;
        return celsius >= 30 && celsius <= 45 ? new ReportedValue("temperature", celsius, 0, "Cel") : null;
    }

    private static ReportedValue pain(String number) {
        double v = number(number);
        return v <= 10 ? new ReportedValue("pain", v, 0, "{score}") : null;
    }

    private static double number(String text) {
        return Double.parseDouble(text.replace(',', '.'));
    }

    private interface Reading {
        ReportedValue of(Matcher m);
    }

    private static void each(Pattern pattern, String text, BitSet used, Reading reading, List<ReportedValue> values) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            if (used.get(m.start(), m.end()).isEmpty()) {
                ReportedValue value = reading.of(m);
                if (value != null) {
                    values.add(value);
                    used.set(m.start(), m.end());
                }
            }
        }
    }
}
