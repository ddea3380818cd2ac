package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.UUID;
import org.careloop.engine.deployment.DecisionDeployments;
import org.careloop.engine.deployment.ModelFolder;
import org.careloop.rules.eligibility.DischargeFacts;
import org.careloop.rules.eligibility.PostDischargeEligibility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The watched models folder: a process model or a decision put there is deployed through the same checks as the
 * API, once per change, recorded as deployed by the folder; an invalid one is refused and the running version stays.
 */
class ModelFolderH2IT extends H2StackTest {

    @Autowired
    ModelFolder folder;

    @Autowired
    DecisionDeployments decisions;

    @Autowired
    PostDischargeEligibility eligibility;

    @Autowired
    org.camunda.bpm.engine.RepositoryService repository;

    private final DischargeFacts thirtyHoursAgo = new DischargeFacts(false, 60, "home", 30, true, false);

    private static String released() throws IOException {
        try (InputStream in = ModelFolderH2IT.class.getResourceAsStream(
                "/org/careloop/rules/eligibility/post-discharge-eligibility.dmn")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @AfterEach
    void emptyTheFolderAndRestoreTheReleasedDecision() throws IOException {
        try (var files = Files.list(MODELS_DIR)) {
            for (var file : files.toList()) {
                Files.delete(file);
            }
        }
        decisions.deploy("post-discharge-eligibility", released(), "test");
    }

    @Test
    void aDecisionPutInTheFolderDecidesOnceAndIsRecordedAsTheFolders() throws IOException {
        Files.writeString(
                MODELS_DIR.resolve("post-discharge-eligibility.dmn"),
                released().replace("<text>&gt; 48</text>", "<text>&gt; 24</text>"));

        assertThat(folder.scan()).isEqualTo(1);
        assertThat(folder.scan()).as("an unchanged file is not deployed again").isZero();

        assertThat(eligibility.decide(thirtyHoursAgo).eligible()).isFalse();
        DecisionDeployments.Version latest = decisions.versions().stream()
                .filter(v -> v.decisionId().equals("post-discharge-eligibility"))
                .reduce((a, b) -> b)
                .orElseThrow();
        assertThat(latest.deployedBy()).isEqualTo("models-dir");
        assertThat(decisions.versionInUse("post-discharge-eligibility")).isEqualTo(latest.version());
    }

    @Test
    void aProcessModelPutInTheFolderIsCheckedAndDeployedAndAnInvalidOneIsRefused() throws IOException {
        String key = "folder-" + UUID.randomUUID().toString().substring(0, 8);
        Files.writeString(
                MODELS_DIR.resolve(key + ".bpmn"),
                org.careloop.engine.deployment.TestModels.withTask(
                        key, "<bpmn:userTask id=\"run\" name=\"Review\" />"));
        Files.writeString(MODELS_DIR.resolve("broken.bpmn"), "<bpmn:definitions>");
        Files.writeString(
                MODELS_DIR.resolve("post-discharge-eligibility.dmn"),
                released().replace("<text>&gt; 48</text>", "<text>&gt; 48 hours</text>"));

        assertThat(folder.scan()).isEqualTo(1);

        assertThat(repository
                        .createProcessDefinitionQuery()
                        .processDefinitionKey(key)
                        .count())
                .isOne();
        assertThat(repository
                        .createDeploymentQuery()
                        .deploymentSource("models-dir")
                        .deploymentName("models-dir:" + key + ".bpmn")
                        .count())
                .isOne();
        assertThat(eligibility.decide(thirtyHoursAgo).eligible())
                .as("the refused decision left the running one in place")
                .isTrue();
    }
}
