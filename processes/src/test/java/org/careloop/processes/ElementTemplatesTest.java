package org.careloop.processes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileInputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.careloop.rules.triage.Team;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Camunda Modeler element templates ({@code element-templates/careloop.json}) hold to the same contract as the
 * models: each names only exposed beans, declared variables, deployed processes, approved message templates (in
 * every language) and the rules' teams, so a program an analyst builds from them runs.
 */
class ElementTemplatesTest {

    private static JsonNode templates;

    @BeforeAll
    static void read() throws Exception {
        templates = new ObjectMapper()
                .readTree(Path.of("element-templates/careloop.json").toFile());
    }

    private static Stream<JsonNode> properties() {
        List<JsonNode> all = new ArrayList<>();
        templates.forEach(t -> t.get("properties").forEach(all::add));
        return all.stream();
    }

    private static List<String> values(JsonNode property) {
        List<String> values = new ArrayList<>();
        if (property.has("choices")) {
            property.get("choices").forEach(c -> values.add(c.get("value").asText()));
        } else if (property.has("value")) {
            values.add(property.get("value").asText());
        }
        return values;
    }

    @Test
    void everyTemplateHasAUniqueIdANameAndAppliesToABpmnElement() {
        Set<String> ids = new java.util.HashSet<>();
        templates.forEach(t -> {
            assertThat(ids.add(t.get("id").asText()))
                    .as("unique id " + t.get("id"))
                    .isTrue();
            assertThat(t.get("name").asText()).startsWith("CareLoop: ");
            assertThat(t.get("appliesTo").get(0).asText()).startsWith("bpmn:");
        });
        assertThat(ids).contains("org.careloop.send-message", "org.careloop.hand-off", "org.careloop.check-in");
    }

    @Test
    void delegatesAreExposedBeansAndCalledProcessesAreDeployed() throws Exception {
        Set<String> processes;
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/bpmn"))) {
            processes = files.map(f -> f.getFileName().toString().replace(".bpmn", ""))
                    .collect(Collectors.toSet());
        }
        properties().forEach(p -> {
            JsonNode binding = p.get("binding");
            String name = binding.path("name").asText();
            if ("camunda:delegateExpression".equals(name)) {
                assertThat(p.get("value").asText()).matches("\\$\\{\\w+}");
                assertThat(ProcessBeans.all()).contains(p.get("value").asText().replaceAll("[${}]", ""));
            }
            if ("calledElement".equals(name)) {
                assertThat(processes).contains(p.get("value").asText());
            }
        });
    }

    @Test
    void everyVariableATemplateWritesOrReadsIsDeclared() {
        List<String> variables = new ArrayList<>();
        properties().forEach(p -> {
            JsonNode binding = p.get("binding");
            switch (binding.get("type").asText()) {
                case "camunda:inputParameter" ->
                    variables.add(binding.get("name").asText());
                case "camunda:in" -> {
                    if (binding.has("target")) {
                        variables.add(binding.get("target").asText());
                    }
                }
                case "camunda:out" -> {
                    variables.add(binding.get("source").asText());
                    variables.addAll(values(p));
                }
                default -> {}
            }
        });
        assertThat(variables)
                .isNotEmpty()
                .allSatisfy(v -> assertThat(ProcessVariables.all()).contains(v));
    }

    @Test
    void messageChoicesAreApprovedTemplatesInEveryLanguageAndTeamsAreTheRulesTeams() throws Exception {
        List<Properties> approved = new ArrayList<>();
        for (String language : List.of("en", "es")) {
            Properties p = new Properties();
            try (var in = new InputStreamReader(
                    new FileInputStream("../engine/src/main/resources/outreach/templates_" + language + ".properties"),
                    StandardCharsets.UTF_8)) {
                p.load(in);
            }
            approved.add(p);
        }
        Set<String> teams = Arrays.stream(Team.values()).map(Team::group).collect(Collectors.toSet());
        properties().forEach(p -> {
            String target = p.get("binding")
                    .path("target")
                    .asText(p.get("binding").path("name").asText());
            if (Set.of(
                            ProcessVariables.TEMPLATE_ID,
                            ProcessVariables.CHECK_IN_TEMPLATE,
                            ProcessVariables.REMINDER_TEMPLATE)
                    .contains(target)) {
                assertThat(values(p))
                        .isNotEmpty()
                        .allSatisfy(id -> approved.forEach(
                                a -> assertThat(a.getProperty(id)).as(id).isNotBlank()));
            }
            if (ProcessVariables.HANDOFF_TEAM.equals(target)) {
                assertThat(values(p)).hasSameElementsAs(teams);
            }
            if (ProcessVariables.DECISION.equals(target)) {
                // every decision a "Decide" step offers is a DMN model of the rules module, named by its id
                assertThat(values(p))
                        .isNotEmpty()
                        .allSatisfy(id -> assertThat(dmnFiles()).as(id).contains(id + ".dmn"));
            }
        });
    }

    private static Set<String> dmnFiles() {
        try (var files = java.nio.file.Files.walk(java.nio.file.Path.of("../rules/src/main/resources"))) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".dmn"))
                    .collect(Collectors.toSet());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
