package org.careloop.engine.ai;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces PHI in free text with stable tokens ({@code [PATIENT_NAME_1]}, {@code [PHONE_1]}, …) before any language
 * model sees it: the patient's own identifiers from FHIR first, then patterns for other names, dates, phone numbers,
 * emails, long numbers and street addresses. The same value gets the same token within one text, so a summary can
 * be re-identified for staff; nothing re-identified ever goes to the model or to a patient.
 */
final class Redactor {

    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");
    private static final Pattern PHONE = Pattern.compile("(?<![\\w/])\\+?\\d[\\d ().-]{6,}\\d(?![\\w/])");
    private static final Pattern DATE = Pattern.compile(
            "\\b\\d{1,4}[/.-]\\d{1,2}[/.-]\\d{2,4}\\b|\\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|"
                    + "oct|nov|dec|ene|abr|ago|dic)[a-z]*\\.? \\d{1,2}(?:st|nd|rd|th)?(?:,? \\d{4})?\\b|\\b\\d{1,2} de [a-z]+ de \\d{4}\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern STREET =
            Pattern.compile("\\b\\d{1,6} (?:[A-Z][a-z]+ ){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Drive|Dr|"
                    + "Boulevard|Blvd|Court|Ct|Way|Place|Pl|Calle|Avenida)\\b\\.?");
    private static final Pattern LONG_NUMBER = Pattern.compile("\\b\\d{5,}\\b");
    private static final Pattern TITLED = Pattern.compile(
            "\\b(?:Dr|Mr|Mrs|Ms|Miss|Doctor|Dra|Sr|Sra|Srta)\\.? [A-Z][a-zA-Z'-]+(?: [A-Z][a-zA-Z'-]+)?");
    /** A capitalised word that does not open a sentence: a name or a place, unless it is an everyday word. */
    private static final Pattern PROPER =
            Pattern.compile("(?<=[a-z,;] |[a-z,;]  )[A-Z][a-zA-Z'-]+(?: [A-Z][a-zA-Z'-]+)*");

    private static final Set<String> NOT_NAMES = Set.of(
            "I",
            "I'm",
            "I've",
            "I'll",
            "OK",
            "Ok",
            "AGENT",
            "STOP",
            "HELP",
            "ER",
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
            "Dr",
            "Mr",
            "Mrs",
            "Ms");

    record Redaction(String text, Map<String, String> valuesByToken) {

        /** Puts the real values back, for staff only. */
        String reidentify(String withTokens) {
            String result = withTokens;
            for (Map.Entry<String, String> e : valuesByToken.entrySet()) {
                result = result.replace(e.getKey(), e.getValue());
            }
            return result;
        }
    }

    private Redactor() {}

    static Redaction redact(String text, PatientIdentifiers patient) {
        Map<String, String> tokenByValue = new LinkedHashMap<>();
        Map<String, String> valuesByToken = new LinkedHashMap<>();
        Map<String, String> originals = new LinkedHashMap<>();
        Map<String, Integer> counters = new LinkedHashMap<>();
        Tokens tokens = new Tokens(tokenByValue, originals, counters);
        String result = text == null ? "" : text;
        List<Map.Entry<String, String>> known = patient.valuesByKind().entrySet().stream()
                .sorted(Comparator.comparingInt(
                                (Map.Entry<String, String> e) -> e.getKey().length())
                        .reversed())
                .toList();
        for (Map.Entry<String, String> value : known) {
            result = replace(
                    result,
                    Pattern.compile(
                            "(?<![\\w])" + Pattern.quote(value.getKey()) + "(?![\\w])", Pattern.CASE_INSENSITIVE),
                    value.getValue(),
                    tokens);
            String digits = value.getKey().replaceAll("\\D", "");
            if (PatientIdentifiers.PHONE.equals(value.getValue()) && digits.length() >= 7) {
                // the same number written another way: (617) 555-0123, 617.555.0123, 6175550123
                String flexible = String.join(
                        "[\\s().-]*",
                        digits.substring(Math.max(0, digits.length() - 10)).split(""));
                result = replace(
                        result, Pattern.compile("\\+?1?[\\s().-]*" + flexible), PatientIdentifiers.PHONE, tokens);
            }
        }
        result = replace(result, EMAIL, "EMAIL", tokens);
        result = replace(result, DATE, "DATE", tokens);
        result = replace(result, STREET, "ADDRESS", tokens);
        result = replace(result, PHONE, "PHONE", tokens);
        result = replace(result, LONG_NUMBER, "NUMBER", tokens);
        result = replace(result, TITLED, "NAME", tokens);
        result = replace(result, PROPER, "NAME", tokens);
        tokenByValue.forEach((key, token) -> valuesByToken.putIfAbsent(token, originals.get(key)));
        return new Redaction(result, valuesByToken);
    }

    /** The tokens of one text: lower-cased value to token, lower-cased value to the value as written, counts per kind. */
    private record Tokens(
            Map<String, String> tokenByValue, Map<String, String> originals, Map<String, Integer> counters) {}

    private static String replace(String text, Pattern pattern, String kind, Tokens tokens) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = m.group();
            if (value.startsWith("[") || "NAME".equals(kind) && NOT_NAMES.contains(value)) {
                m.appendReplacement(out, Matcher.quoteReplacement(value));
                continue;
            }
            String key = value.toLowerCase(java.util.Locale.ROOT);
            tokens.originals().putIfAbsent(key, value);
            String token = tokens.tokenByValue()
                    .computeIfAbsent(
                            key, v -> "[" + kind + "_" + tokens.counters().merge(kind, 1, Integer::sum) + "]");
            m.appendReplacement(out, Matcher.quoteReplacement(token));
        }
        m.appendTail(out);
        return out.toString();
    }
}
