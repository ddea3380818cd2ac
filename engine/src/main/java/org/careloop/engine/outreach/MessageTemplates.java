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
        String text = load(primary(language)).getProperty(templateId);
        if (text == null) {
            text = load("en").getProperty(templateId);
        }
        if (text == null) {
            throw new IllegalArgumentException("No approved message template '" + templateId + "'");
        }
        return text.replace("{organisation}", properties.organisation()).replace("{helpLine}", properties.helpLine());
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

    private Properties load(String language) {
        return byLanguage.computeIfAbsent(language, lang -> {
            Properties templates = new Properties();
            ClassPathResource resource = new ClassPathResource("outreach/templates_" + lang + ".properties");
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
