package org.careloop.engine.deployment;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.careloop.engine.security.Groups;
import org.careloop.engine.security.SecurityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * {@code /api/engine}), checks every model with {@link ModelSafety}, and deploys as the signed-in user, so that
 * Camunda's user-operation log records who deployed what. A model that fails a check is refused whole (400).
 */
@RestController
class ModelDeploymentController {

    private static final Logger log = LoggerFactory.getLogger(ModelDeploymentController.class);
    private static final int MAX_RESOURCES = 20;

    private final RepositoryService repository;
    private final IdentityService identity;
    private final SecurityProperties security;

    ModelDeploymentController(RepositoryService repository, IdentityService identity, SecurityProperties security) {
        this.repository = repository;
        this.identity = identity;
        this.security = security;
    }

    @PostMapping(path = "/api/engine/deployment/create", consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> deploy(MultipartHttpServletRequest request, Authentication user) throws IOException {
        String name = request.getParameter("deployment-name");
        if (name == null || name.isBlank() || name.length() > 200) {
            return invalid("deployment-name is required (at most 200 characters)", List.of());
        }
        List<MultipartFile> files = new ArrayList<>();
        request.getMultiFileMap().values().forEach(files::addAll);
        if (files.isEmpty() || files.size() > MAX_RESOURCES) {
            return invalid("Send between 1 and " + MAX_RESOURCES + " .bpmn files", List.of());
        }
        DeploymentBuilder deployment = repository.createDeployment().name(name)
                .source(blankToDefault(request.getParameter("deployment-source"), "careloop"))
                .enableDuplicateFiltering(Boolean.parseBoolean(request.getParameter("deploy-changed-only")));
        List<String> problems = new ArrayList<>();
        for (MultipartFile file : files) {
            String resource = file.getOriginalFilename() == null ? file.getName() : file.getOriginalFilename();
            if (!resource.matches("[A-Za-z0-9._-]{1,100}\\.bpmn")) {
                problems.add(resource + ": only .bpmn files with a plain name (letters, digits, . _ -) are deployed here");
                continue;
            }
            byte[] xml = file.getBytes();
            problems.addAll(ModelSafety.problems(resource, xml, security.scriptsEnabled()));
            deployment.addInputStream(resource, new java.io.ByteArrayInputStream(xml));
        }
        if (!problems.isEmpty()) {
            log.warn("Deployment '{}' by {} refused: {} problem(s)", name, user.getName(), problems.size());
            return invalid("The model was not deployed: " + problems.get(0), problems);
        }
        identity.setAuthentication(user.getName(), Groups.of(user));
        try {
            DeploymentWithDefinitions deployed = deployment.deployWithResult();
            log.info("Deployment {} '{}' by {}", deployed.getId(), name, user.getName());
            return ResponseEntity.ok(describe(deployed));
        } catch (ProcessEngineException e) {
            return invalid("The engine refused the model: " + firstLine(e.getMessage()), List.of());
        } finally {
            identity.clearAuthentication();
        }
    }

    private static Map<String, Object> describe(DeploymentWithDefinitions deployed) {
        Map<String, Object> definitions = new LinkedHashMap<>();
        for (ProcessDefinition definition : deployed.getDeployedProcessDefinitions() == null
                ? List.<ProcessDefinition>of() : deployed.getDeployedProcessDefinitions()) {
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

    private static ResponseEntity<Map<String, Object>> invalid(String message, List<String> problems) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "InvalidModel");
        body.put("message", message);
        body.put("problems", problems);
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private static String blankToDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        String line = message.lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) : line;
    }
}
