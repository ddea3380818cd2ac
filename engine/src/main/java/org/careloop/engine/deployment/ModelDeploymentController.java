package org.careloop.engine.deployment;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.careloop.engine.security.Groups;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/**
 * The one way to deploy a process model: {@code POST /api/engine/deployment/create}, administrators only. It takes
 * the same multipart form as Camunda's REST API (so Camunda Modeler deploys to it with the endpoint
 * {@code /api/engine}) and answers in the same shape; a model that fails a check is refused whole (400).
 */
@RestController
class ModelDeploymentController {

    private final ModelDeployments deployments;

    ModelDeploymentController(ModelDeployments deployments) {
        this.deployments = deployments;
    }

    @PostMapping(
            path = "/api/engine/deployment/create",
            consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> deploy(MultipartHttpServletRequest request, Authentication user)
            throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (List<MultipartFile> parts : request.getMultiFileMap().values()) {
            for (MultipartFile file : parts) {
                files.put(
                        file.getOriginalFilename() == null ? file.getName() : file.getOriginalFilename(),
                        file.getBytes());
            }
        }
        ModelDeployments.Outcome outcome = deployments.deploy(
                request.getParameter("deployment-name"),
                request.getParameter("deployment-source"),
                Boolean.parseBoolean(request.getParameter("deploy-changed-only")),
                files,
                user.getName(),
                Groups.of(user));
        if (outcome.refused()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", "InvalidModel");
            body.put(
                    "message",
                    "The model was not deployed: " + outcome.problems().get(0));
            body.put("problems", outcome.problems());
            return ResponseEntity.badRequest()
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(body);
        }
        return ResponseEntity.ok(describe(outcome.deployed()));
    }

    private static Map<String, Object> describe(DeploymentWithDefinitions deployed) {
        Map<String, Object> definitions = new LinkedHashMap<>();
        for (ProcessDefinition definition : deployed.getDeployedProcessDefinitions() == null
                ? List.<ProcessDefinition>of()
                : deployed.getDeployedProcessDefinitions()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("id", definition.getId());
            d.put("key", definition.getKey());
            d.put("name", definition.getName());
            d.put("version", definition.getVersion());
            d.put("resource", definition.getResourceName());
            d.put("deploymentId", definition.getDeploymentId());
            definitions.put(definition.getId(), d);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", deployed.getId());
        body.put("name", deployed.getName());
        body.put("source", deployed.getSource());
        body.put("deploymentTime", deployed.getDeploymentTime());
        body.put("tenantId", deployed.getTenantId());
        body.put("deployedProcessDefinitions", definitions);
        return body;
    }
}
