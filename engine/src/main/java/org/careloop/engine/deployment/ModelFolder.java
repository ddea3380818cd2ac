package org.careloop.engine.deployment;

import java.io.IOException;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A watched folder ({@code careloop.models.dir}): a {@code .bpmn} file put there is deployed through the same checks
 * as the deployment API, and a {@code <decision-id>.dmn} or {@code <rule-set-id>.drl} file as that decision's next
 * version. Each changed file is
 * taken once; an invalid one is refused with its problems in the log, and the running version stays. Files that did
 * not change since the last deployment are left alone, so several nodes may watch one shared folder.
 */
@Component
@ConditionalOnProperty("careloop.models.dir")
public class ModelFolder {

    private static final Logger log = LoggerFactory.getLogger(ModelFolder.class);
    static final String DEPLOYER = "models-dir";

    private final Path folder;
    private final ModelUpload upload;
    private final Map<Path, String> taken = new ConcurrentHashMap<>();

    ModelFolder(@Value("${careloop.models.dir}") Path folder, ModelUpload upload) {
        this.folder = folder;
        this.upload = upload;
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
                if (!Files.isRegularFile(file)
                        || !(name.endsWith(".bpmn") || name.endsWith(".dmn") || name.endsWith(".drl"))) {
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
        ModelUpload.Result result = upload.deploy(name, content, DEPLOYER, List.of(Groups.ADMIN), DEPLOYER);
        if (result.refused()) {
            log.warn("Models folder: {} refused: {}", name, String.join("; ", result.problems()));
            return false;
        }
        log.info("Models folder: {}: {}", name, result.summary());
        return true;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
