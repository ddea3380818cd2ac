package org.careloop.engine.outreach;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The approved patient message templates, per language: those shipped in {@code
 * outreach/[department/]templates_<lang>.properties}, and the versions a clinical reviewer approved since ({@link
 * ApprovedTemplates}), which take their place.
 */
@Component
public class MessageTemplates {

    private final OutreachProperties properties;
    private final ApprovedTemplates approved;
    private final Map<String, Properties> byLanguage = new ConcurrentHashMap<>();

    /** The shipped templates only (no reviewer's later versions): for tests of the shipped wording. */
    MessageTemplates(OutreachProperties properties) {
        this(properties, null);
    }

    @org.springframework.beans.factory.annotation.Autowired
    MessageTemplates(OutreachProperties properties, ApprovedTemplates approved) {
        this.properties = properties;
        this.approved = approved;
    }

    /**
     * A message ready to send, and the language it is in.
     *
     * @param language the language of the text: the patient's, or {@code en} when no approved translation exists
     */
    public record Composed(String text, String language) {}

    /**
     * The text of a template in the given language, falling back to English where no approved
     * translation exists.
     *
     * @throws IllegalArgumentException when no such template is approved
     */
    public String render(String templateId, String language) {
        return render(templateId, language, null);
    }

    /**
     * The same, with {@code {when}} (e.g. an appointment's start) written as a date and time in the patient's
     * language and the configured time zone.
     *
     * @throws IllegalArgumentException when no such template is approved, or it names a time that is not given
     */
    public String render(String templateId, String language, java.time.Instant when) {
        return render(templateId, language, when, null);
    }

    /**
     * The same, with the sender's name and help line of the patient's department ({@code {organisation}},
     * {@code {helpLine}}); those of {@code careloop.outreach} when the department is null.
     */
    public String render(
            String templateId,
            String language,
            java.time.Instant when,
            org.careloop.engine.departments.Department department) {
        return compose(templateId, language, when, department).text();
    }

    /**
     * The same, saying which language the text is in. Each language is looked up in this order: the department's
     * version approved by a clinical reviewer, the department's shipped wording, the version approved for every
     * department, the shipped text; the patient's language first, then English.
     */
    public Composed compose(
            String templateId,
            String language,
            java.time.Instant when,
            org.careloop.engine.departments.Department department) {
        String folder = department == null || !department.id().matches("[a-z0-9-]{1,40}") ? null : department.id();
        String text = null;
        String textLanguage = null;
        for (String lang : java.util.List.of(primary(language), "en")) {
            if (text == null && folder != null) {
                text = approved(folder, lang, templateId);
                if (text == null) {
                    text = load(folder + "/" + lang).getProperty(templateId);
                }
            }
            if (text == null) {
                text = approved("", lang, templateId);
            }
            if (text == null) {
                text = load(lang).getProperty(templateId);
            }
            if (text != null && textLanguage == null) {
                textLanguage = lang;
            }
        }
        if (text == null) {
            throw new IllegalArgumentException("No approved message template '" + templateId + "'");
        }
        if (text.contains("{when}") && when == null) {
            throw new IllegalArgumentException("Template '" + templateId + "' needs a time to state");
        }
        return new Composed(fill(text, textLanguage, when, department), textLanguage);
    }

    /**
     * A template's text with the department's name and help line, and the time (when given) written in the language.
     */
    public String fill(
            String text,
            String language,
            java.time.Instant when,
            org.careloop.engine.departments.Department department) {
        String filled = text.replace(
                        "{organisation}",
                        department == null || department.name() == null ? properties.organisation() : department.name())
                .replace(
                        "{helpLine}",
                        department == null || department.helpLine() == null
                                ? properties.helpLine()
                                : department.helpLine());
        return when == null ? filled : filled.replace("{when}", formatted(when, primary(language)));
    }

    private String approved(String department, String language, String templateId) {
        return approved == null ? null : approved.text(department, language, templateId);
    }

    /** The voice script of a message template: its words on an automated call (a message without one is not called). */
    public static String voiceScript(String templateId) {
        return "voice-" + templateId;
    }

    /** The shipped text of a template for a department ({@code ""}: every department) in a language, or null. */
    public String shipped(String department, String language, String templateId) {
        return load((department == null || department.isEmpty() ? "" : department + "/") + language)
                .getProperty(templateId);
    }

    /** Every template id, in order. */
    public java.util.SortedSet<String> ids() {
        return new java.util.TreeSet<>(load("en").stringPropertyNames());
    }

    /**
     * The shipped sets of templates: department ({@code ""} for every department) and language of each {@code
     * outreach/[department/]templates_<language>.properties}.
     */
    public java.util.List<java.util.Map.Entry<String, String>> shippedSets() {
        try {
            var found = new org.springframework.core.io.support.PathMatchingResourcePatternResolver()
                    .getResources("classpath*:outreach/**/templates_*.properties");
            java.util.TreeSet<java.util.Map.Entry<String, String>> sets =
                    new java.util.TreeSet<>(java.util.Map.Entry.<String, String>comparingByKey()
                            .thenComparing(java.util.Map.Entry.comparingByValue()));
            for (var resource : found) {
                String url = resource.getURL().toString();
                var m = java.util.regex.Pattern.compile(
                                "outreach/(?:([a-z0-9-]{1,40})/)?templates_([a-z]{2,3})\\.properties$")
                        .matcher(url);
                if (m.find()) {
                    sets.add(java.util.Map.entry(m.group(1) == null ? "" : m.group(1), m.group(2)));
                }
            }
            return java.util.List.copyOf(sets);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String formatted(java.time.Instant when, String language) {
        java.util.Locale locale = java.util.Locale.forLanguageTag(language);
        java.time.format.DateTimeFormatter format = switch (language) {
            case "en" -> java.time.format.DateTimeFormatter.ofPattern("EEEE, MMMM d 'at' h:mm a", locale);
            case "es" -> java.time.format.DateTimeFormatter.ofPattern("EEEE d 'de' MMMM 'a las' H:mm", locale);
            // a language approved after the release: the JDK's own long date and short time in it
            default ->
                java.time.format.DateTimeFormatter.ofLocalizedDateTime(
                                java.time.format.FormatStyle.FULL, java.time.format.FormatStyle.SHORT)
                        .withLocale(locale);
        };
        return format.format(when.atZone(properties.timeZone()));
    }

    public boolean exists(String templateId) {
        return load("en").containsKey(templateId);
    }

    /** The primary language subtag, lower case ({@code es} of {@code es-MX}); {@code en} when none is given. */
    public static String primary(String language) {
        if (language == null || language.isBlank()) {
            return "en";
        }
        return language.toLowerCase().split("[-_]")[0];
    }

    /** @param key a language ({@code es}), or a department's folder and a language ({@code cardiology/es}) */
    private Properties load(String key) {
        return byLanguage.computeIfAbsent(key, k -> {
            Properties templates = new Properties();
            int slash = k.lastIndexOf('/');
            ClassPathResource resource = new ClassPathResource(
                    "outreach/" + k.substring(0, slash + 1) + "templates_" + k.substring(slash + 1) + ".properties");
            if (resource.exists()) {
                try (var reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
                    templates.load(reader);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return templates;
        });
    }
}
