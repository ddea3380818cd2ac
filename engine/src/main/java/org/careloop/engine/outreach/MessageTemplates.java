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

/** The approved patient message templates, per language, from {@code outreach/templates_<lang>.properties}. */
@Component
public class MessageTemplates {

    private final OutreachProperties properties;
    private final Map<String, Properties> byLanguage = new ConcurrentHashMap<>();

    MessageTemplates(OutreachProperties properties) {
        this.properties = properties;
    }

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
        // the patient's language first; within it, the department's own wording first
        String folder = department == null || !department.id().matches("[a-z0-9-]{1,40}") ? null : department.id();
        String text = null;
        for (String lang : java.util.List.of(primary(language), "en")) {
            if (text == null && folder != null) {
                text = load(folder + "/" + lang).getProperty(templateId);
            }
            if (text == null) {
                text = load(lang).getProperty(templateId);
            }
        }
        if (text == null) {
            throw new IllegalArgumentException("No approved message template '" + templateId + "'");
        }
        text = text.replace(
                        "{organisation}",
                        department == null || department.name() == null ? properties.organisation() : department.name())
                .replace(
                        "{helpLine}",
                        department == null || department.helpLine() == null
                                ? properties.helpLine()
                                : department.helpLine());
        if (text.contains("{when}")) {
            if (when == null) {
                throw new IllegalArgumentException("Template '" + templateId + "' needs a time to state");
            }
            text = text.replace("{when}", formatted(when, primary(language)));
        }
        return text;
    }

    private String formatted(java.time.Instant when, String language) {
        java.util.Locale locale = java.util.Locale.forLanguageTag(language);
        String pattern = "es".equals(language) ? "EEEE d 'de' MMMM 'a las' H:mm" : "EEEE, MMMM d 'at' h:mm a";
        return java.time.format.DateTimeFormatter.ofPattern(pattern, locale).format(when.atZone(properties.timeZone()));
    }

    public boolean exists(String templateId) {
        return load("en").containsKey(templateId);
    }

    private static String primary(String language) {
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
