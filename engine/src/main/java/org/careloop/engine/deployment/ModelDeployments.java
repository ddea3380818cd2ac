package org.careloop.engine.deployment;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.careloop.engine.security.SecurityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Deploys process models after {@link ModelSafety} has checked every one of them, as the user who asked, so that
 * Camunda's user-operation log records who deployed what. A deployment with any problem is refused whole.
 */
@Service
public class ModelDeployments {

    private static final Logger log = LoggerFactory.getLogger(ModelDeployments.class);
    static final int MAX_RESOURCES = 20;

    /** A deployed set of models, or the reasons it was refused. */
    public record Outcome(DeploymentWithDefinitions deployed, List<String> problems) {
        public boolean refused() {
            return deployed == null;
        }
    }

    private final RepositoryService repository;
    private final IdentityService identity;
    private final SecurityProperties security;

    ModelDeployments(RepositoryService repository, IdentityService identity, SecurityProperties security) {
        this.repository = repository;
        this.identity = identity;
        this.security = security;
    }

    /**
     * @param files        resource name to model XML, in the order given
     * @param changedOnly  whether a deployment identical to the last one of that name is skipped
     */
    public Outcome deploy(
            String name,
            String source,
            boolean changedOnly,
            Map<String, byte[]> files,
            String user,
            List<String> groups) {
        if (name == null || name.isBlank() || name.length() > 200) {
            return refused("deployment-name is required (at most 200 characters)");
        }
        if (files.isEmpty() || files.size() > MAX_RESOURCES) {
            return refused("Send between 1 and " + MAX_RESOURCES + " .bpmn files");
        }
        DeploymentBuilder deployment = repository
                .createDeployment()
                .name(name)
                .source(source == null || source.isBlank() ? "careloop" : source)
                .enableDuplicateFiltering(changedOnly);
        List<String> problems = new ArrayList<>();
        files.forEach((resource, xml) -> {
            if (!resource.matches("[A-Za-z0-9._-]{1,100}\\.bpmn")) {
                problems.add(
                        resource + ": only .bpmn files with a plain name (letters, digits, . _ -) are deployed here");
                return;
            }
            problems.addAll(ModelSafety.problems(resource, xml, security.scriptsEnabled()));
            deployment.addInputStream(resource, new ByteArrayInputStream(xml));
        });
        if (!problems.isEmpty()) {
            log.warn("Deployment '{}' by {} refused: {} problem(s)", name, user, problems.size());
            return new Outcome(null, problems);
        }
        identity.setAuthentication(user, groups);
        try {
            DeploymentWithDefinitions deployed = deployment.deployWithResult();
            log.info("Deployment {} '{}' by {}", deployed.getId(), name, user);
            return new Outcome(deployed, List.of());
        } catch (ProcessEngineException e) {
            return refused("The engine refused the model: " + firstLine(e.getMessage()));
        } finally {
            identity.clearAuthentication();
        }
    }

    private static Outcome refused(String problem) {
        return new Outcome(null, List.of(problem));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        String line = message.lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) : line;
    }
}
