package org.careloop.engine.outreach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageTemplatesTest {

    private final MessageTemplates templates = new MessageTemplates(new OutreachProperties(
            "Springfield General", "(555) 010-0199", "US", java.time.ZoneId.of("America/New_York"), "08:00", "21:00"));

    @Test
    void fillsInTheOrganisationAndTheHelpLine() {
        assertThat(templates.render("intro", "en"))
                .contains("automated")
                .contains("Springfield General")
                .contains("(555) 010-0199")
                .contains("STOP")
                .doesNotContain("{");
    }

    @Test
    void fallsBackToEnglishWhereNoApprovedTranslationExists() {
        assertThat(templates.render("ack-urgent", "pt-BR")).isEqualTo(templates.render("ack-urgent", "en"));
    }

    @Test
    void aDepartmentsOwnWordingWinsInItsLanguageAndTheSharedTextInEveryOther() {
        var heart = new org.careloop.engine.departments.Department(
                "cardiology", "Heart Center", "(555) 010-0200", null, null);
        var other = new org.careloop.engine.departments.Department("main", null, null, null, null);

        assertThat(templates.render("chronic-ask-weight", "en", null, heart))
                .contains("before breakfast")
                .contains("Heart Center")
                .contains("(555) 010-0200");
        assertThat(templates.render("chronic-ask-weight", "es", null, heart))
                .isEqualTo(templates
                        .render("chronic-ask-weight", "es", null, null)
                        .replace("Springfield General", "Heart Center")
                        .replace("(555) 010-0199", "(555) 010-0200"));
        assertThat(templates.render("chronic-ask-weight", "en", null, other))
                .isEqualTo(templates.render("chronic-ask-weight", "en"))
                .doesNotContain("before breakfast");
        assertThat(templates.render("chronic-ask-glucose", "en", null, heart))
                .as("ids the department does not reword keep the shared text")
                .isEqualTo(templates
                        .render("chronic-ask-glucose", "en")
                        .replace("Springfield General", "Heart Center")
                        .replace("(555) 010-0199", "(555) 010-0200"));
    }

    @Test
    void everyDepartmentWordingRewordsAnApprovedTemplate() throws java.io.IOException {
        var shared = new java.util.Properties();
        try (var in = getClass().getResourceAsStream("/outreach/templates_en.properties")) {
            shared.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        var resolver = new org.springframework.core.io.support.PathMatchingResourcePatternResolver();
        var files = resolver.getResources("classpath*:outreach/*/templates_*.properties");
        assertThat(files).isNotEmpty();
        for (var file : files) {
            var own = new java.util.Properties();
            try (var in = file.getInputStream()) {
                own.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
            }
            assertThat(shared.stringPropertyNames()).as(file.getDescription()).containsAll(own.stringPropertyNames());
        }
    }

    @Test
    void refusesATemplateThatIsNotApproved() {
        assertThatThrownBy(() -> templates.render("free-text", "en")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ack-emergency", "ack-crisis"})
    void emergencyAcknowledgementsPointToEmergencyServices(String template) {
        assertThat(templates.render(template, "en")).contains("911");
    }

    @Test
    void anAppointmentReminderStatesTheTimeInThePatientsLanguageAndTimeZone() {
        java.time.Instant start = java.time.Instant.parse("2026-03-10T14:00:00Z");

        assertThat(templates.render("appointment-reminder", "en", start))
                .contains("Tuesday, March 10 at 10:00 AM")
                .contains("Reply C to confirm, R to reschedule, or X to cancel")
                .doesNotContain("{");
        assertThat(templates.render("appointment-reminder", "es", start))
                .contains("martes 10 de marzo a las 10:00")
                .doesNotContain("{");
        assertThat(templates.render("appointment-reminder", "en", start).length())
                .isLessThanOrEqualTo(306);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @ValueSource(strings = {"procedure-instructions", "procedure-preparation"})
    void procedureMessagesStateTheTimeAndFitInTwoSmsSegments(String template) {
        java.time.Instant start = java.time.Instant.parse("2026-03-20T13:00:00Z");
        for (String language : java.util.List.of("en", "es")) {
            assertThat(templates.render(template, language, start))
                    .doesNotContain("{")
                    .hasSizeLessThanOrEqualTo(306);
        }
        assertThat(templates.render(template, "en", start)).contains("March 20 at 9:00 AM");
    }

    @Test
    void aTemplateThatStatesATimeIsNotSentWithoutOne() {
        assertThatThrownBy(() -> templates.render("appointment-reminder", "en"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void crisisAcknowledgementGivesThe988Line() {
        assertThat(templates.render("ack-crisis", "en")).contains("988");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "post-discharge-checkin-1",
                "post-discharge-reminder-1",
                "post-discharge-checkin-7",
                "post-discharge-reminder-7",
                "ack-continue",
                "ack-routine",
                "ack-urgent",
                "ack-pharmacist",
                "appointment-confirmed",
                "procedure-confirmed",
                "chronic-ask-weight",
                "chronic-ask-glucose",
                "chronic-ask-blood-pressure",
                "chronic-ask-symptoms",
                "chronic-thanks",
                "care-gap-breast-cancer-screening",
                "care-gap-colorectal-screening",
                "care-gap-hba1c",
                "care-gap-annual-wellness",
                "care-gap-influenza-vaccine",
                "care-gap-thanks",
                "appointment-reschedule",
                "appointment-cancelled",
                "opt-out-confirmation"
            })
    void everyTemplateTheProgramsUseIsApprovedAndFitsInTwoSmsSegments(String template) {
        assertThat(templates.exists(template)).isTrue();
        assertThat(templates.render(template, "en").length()).isLessThanOrEqualTo(306);
    }

    @org.junit.jupiter.api.Test
    void everyEnglishTemplateHasASpanishVersionWithTheSameMarkers() throws java.io.IOException {
        java.util.Properties en = load("en");
        java.util.Properties es = load("es");

        assertThat(es.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(en.stringPropertyNames());
        for (String key : en.stringPropertyNames()) {
            for (String marker : new String[] {"{organisation}", "{helpLine}", "911", "988", "STOP", "START"}) {
                assertThat(es.getProperty(key).contains(marker))
                        .as(key + " " + marker)
                        .isEqualTo(en.getProperty(key).contains(marker));
            }
        }
    }

    @org.junit.jupiter.api.Test
    void aSpanishSpeakingPatientGetsSpanish() {
        assertThat(templates.render("ack-crisis", "es"))
                .contains("988")
                .contains("911")
                .contains("enfermera");
        assertThat(templates.render("clarify", "es-MX")).contains("AGENTE");
        assertThat(templates.render("clarify", "en")).contains("AGENT");
    }

    private static java.util.Properties load(String language) throws java.io.IOException {
        java.util.Properties properties = new java.util.Properties();
        try (var reader = new java.io.InputStreamReader(
                MessageTemplatesTest.class.getResourceAsStream("/outreach/templates_" + language + ".properties"),
                java.nio.charset.StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
