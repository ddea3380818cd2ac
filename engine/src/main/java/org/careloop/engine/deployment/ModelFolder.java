package org.careloop.engine.deployment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.careloop.engine.security.Groups;
import org.careloop.rules.decisions.InvalidDecisionModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A watched folder ({@code careloop.models.dir}): a {@code .bpmn} file put there is deployed through the same checks
 * as the deployment API, and a {@code <decision-id>.dmn} file as that decision's next version. Each changed file is
 * taken once; an invalid one is refused with its problems in the log, and the running version stays. Files that did
 * not change since the last deployment are left alone, so several nodes may watch one shared folder.
 */
@Component
@ConditionalOnProperty("careloop.models.dir")
public class ModelFolder {

    private static final Logger log = LoggerFactory.getLogger(ModelFolder.class);
    static final String DEPLOYER = "models-dir";

    private final Path folder;
    private final ModelDeployments processes;
    private final DecisionDeployments decisions;
    private final Map<Path, String> taken = new ConcurrentHashMap<>();

    ModelFolder(
            @Value("${careloop.models.dir}") Path folder, ModelDeployments processes, DecisionDeployments decisions) {
        this.folder = folder;
        this.processes = processes;
        this.decisions = decisions;
    }

    /** @return how many changed files were deployed */
    @Scheduled(fixedDelayString = "${careloop.models.scan-interval:PT10S}", initialDelay = 5_000)
    public synchronized int scan() {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        int deployed = 0;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (!Files.isRegularFile(file) || !(name.endsWith(".bpmn") || name.endsWith(".dmn"))) {
                    continue;
                }
                byte[] content = Files.readAllBytes(file);
                String hash = sha256(content);
                if (hash.equals(taken.get(file))) {
                    continue;
                }
                taken.put(file, hash);
                if (deploy(name, content)) {
                    deployed++;
                }
            }
        } catch (IOException e) {
            log.warn("Models folder {} could not be read: {}", folder, e.getMessage());
        }
        return deployed;
    }

    private boolean deploy(String name, byte[] content) {
        if (name.endsWith(".bpmn")) {
            ModelDeployments.Outcome outcome = processes.deploy(
                    "models-dir:" + name, DEPLOYER, true, Map.of(name, content), DEPLOYER, List.of(Groups.ADMIN));
            if (outcome.refused()) {
                log.warn("Models folder: {} refused: {}", name, String.join("; ", outcome.problems()));
                return false;
            }
            log.info("Models folder: {} deployed", name);
            return true;
        }
        String decisionId = name.substring(0, name.length() - ".dmn".length());
        try {
            int version = decisions.deploy(decisionId, new String(content, StandardCharsets.UTF_8), DEPLOYER);
            log.info("Models folder: {} is version {} of decision {}", name, version, decisionId);
            return true;
        } catch (InvalidDecisionModel | IllegalArgumentException refused) {
            log.warn("Models folder: {} refused: {}", name, refused.getMessage());
            return false;
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
