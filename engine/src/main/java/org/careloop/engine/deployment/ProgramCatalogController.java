package org.careloop.engine.deployment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What runs: {@code GET /api/programs} lists every process model (its newest version, when and from where it was
 * deployed, how many instances of any version are active, and its page in Cockpit) and every decision (the
 * version each decides with on this node, and every deployed version with who deployed it). Aggregates only, no
 * patient data: for administrators and analysts.
 */
@RestController
class ProgramCatalogController {

    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final DecisionDeployments decisions;

    ProgramCatalogController(RepositoryService repository, RuntimeService runtime, DecisionDeployments decisions) {
        this.repository = repository;
        this.runtime = runtime;
        this.decisions = decisions;
    }

    @GetMapping(path = "/api/programs", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> catalog() {
        List<Map<String, Object>> programs =
                repository
                        .createProcessDefinitionQuery()
                        .latestVersion()
                        .orderByProcessDefinitionKey()
                        .asc()
                        .list()
                        .stream()
                        .map(this::program)
                        .toList();
        List<Map<String, Object>> decided = decisions.decisionIds().stream()
                .sorted()
                .map(id -> {
                    Map<String, Object> decision = new LinkedHashMap<>();
                    decision.put("decisionId", id);
                    decision.put("versionInUse", decisions.versionInUse(id));
                    decision.put(
                            "deployments",
                            decisions.versions().stream()
                                    .filter(v -> v.decisionId().equals(id))
                                    .toList());
                    return decision;
                })
                .toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("programs", programs);
        body.put("decisions", decided);
        return body;
    }

    private Map<String, Object> program(ProcessDefinition definition) {
        Deployment deployment = repository
                .createDeploymentQuery()
                .deploymentId(definition.getDeploymentId())
                .singleResult();
        Map<String, Object> program = new LinkedHashMap<>();
        program.put("key", definition.getKey());
        program.put("name", definition.getName());
        program.put("version", definition.getVersion());
        program.put(
                "deployedAt",
                deployment == null ? null : deployment.getDeploymentTime().toInstant());
        program.put("deploymentSource", deployment == null ? null : deployment.getSource());
        program.put(
                "activeInstances",
                runtime.createProcessInstanceQuery()
                        .processDefinitionKey(definition.getKey())
                        .active()
                        .count());
        program.put("cockpit", "/camunda/app/cockpit/default/#/process-definition/" + definition.getId());
        return program;
    }
}
