package org.careloop.engine.deployment;

import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.careloop.forms.admin.ProgramAdmin;
import org.springframework.stereotype.Service;

/**
 * What runs on this node, for the programs page and {@code GET /api/programs}: every process model's newest version
 * (when and from where it was deployed, how many instances of any version are active, its page in Cockpit) and every
 * decision (the version it decides with here, and each deployed version with who deployed it). Aggregates only, no
 * patient data.
 */
@Service
class ProgramCatalog implements ProgramAdmin {

    static final String ADMIN_PAGE = "admin-page";

    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final DecisionDeployments decisions;
    private final ModelUpload upload;

    ProgramCatalog(
            RepositoryService repository, RuntimeService runtime, DecisionDeployments decisions, ModelUpload upload) {
        this.repository = repository;
        this.runtime = runtime;
        this.decisions = decisions;
        this.upload = upload;
    }

    @Override
    public List<Program> programs() {
        return repository
                .createProcessDefinitionQuery()
                .latestVersion()
                .orderByProcessDefinitionKey()
                .asc()
                .list()
                .stream()
                .map(this::program)
                .toList();
    }

    @Override
    public List<Decision> decisions() {
        List<DecisionDeployments.Version> stored = decisions.versions();
        return decisions.decisionIds().stream()
                .sorted()
                .map(id -> new Decision(
                        id,
                        decisions.kind(id),
                        decisions.versionInUse(id),
                        stored.stream()
                                .filter(v -> v.decisionId().equals(id))
                                .map(v -> new Version(v.version(), v.deployedBy(), v.deployedAt()))
                                .toList()))
                .toList();
    }

    @Override
    public Deployed deploy(String fileName, byte[] content, String user, List<String> groups) {
        ModelUpload.Result result = upload.deploy(fileName, content, user, groups, ADMIN_PAGE);
        return new Deployed(result.refused(), result.summary(), result.problems());
    }

    private Program program(ProcessDefinition definition) {
        Deployment deployment = repository
                .createDeploymentQuery()
                .deploymentId(definition.getDeploymentId())
                .singleResult();
        return new Program(
                definition.getKey(),
                definition.getName(),
                definition.getVersion(),
                deployment == null ? null : deployment.getDeploymentTime().toInstant(),
                deployment == null ? null : deployment.getSource(),
                runtime.createProcessInstanceQuery()
                        .processDefinitionKey(definition.getKey())
                        .active()
                        .count(),
                "/camunda/app/cockpit/default/#/process-definition/" + definition.getId());
    }
}
