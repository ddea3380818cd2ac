package org.careloop.engine.deployment;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.careloop.rules.decisions.InvalidDecisionModel;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Decision models over HTTP: {@code POST /api/decisions/{decisionId}} with a DMN file (XML) or, for a rule set, a DRL
 * file ({@code text/plain}) as the body deploys it as the decision's next version (administrators); {@code GET /api/decisions} lists every version, who deployed it and
 * when, and the version each decision uses on this node. An invalid model is refused (400) with the parser's and
 * the compiler's messages, and the running version stays.
 */
@RestController
class DecisionDeploymentController {

    static final int MAX_MODEL_BYTES = 512 * 1024;

    private final DecisionDeployments deployments;

    DecisionDeploymentController(DecisionDeployments deployments) {
        this.deployments = deployments;
    }

    @PostMapping(
            path = "/api/decisions/{decisionId}",
            consumes = {
                MediaType.APPLICATION_XML_VALUE,
                MediaType.TEXT_XML_VALUE,
                "application/dmn+xml",
                MediaType.TEXT_PLAIN_VALUE
            },
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> deploy(
            @PathVariable String decisionId, @RequestBody byte[] model, Authentication user) {
        if (model.length == 0 || model.length > MAX_MODEL_BYTES) {
            return refused(HttpStatus.BAD_REQUEST, List.of("Send one DMN or DRL file of at most 512 KiB"));
        }
        try {
            int version = deployments.deploy(decisionId, new String(model, StandardCharsets.UTF_8), user.getName());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("decisionId", decisionId);
            body.put("version", version);
            body.put("deployedBy", user.getName());
            return ResponseEntity.status(HttpStatus.CREATED).body(body);
        } catch (InvalidDecisionModel invalid) {
            return refused(HttpStatus.BAD_REQUEST, invalid.problems());
        } catch (IllegalArgumentException unknown) {
            return refused(HttpStatus.NOT_FOUND, List.of(unknown.getMessage()));
        }
    }

    @GetMapping(path = "/api/decisions", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> versions() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deployments", deployments.versions());
        return body;
    }

    private static ResponseEntity<Map<String, Object>> refused(HttpStatus status, List<String> problems) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "InvalidDecisionModel");
        body.put("message", "The decision was not deployed: " + (problems.isEmpty() ? "" : problems.get(0)));
        body.put("problems", problems);
        return ResponseEntity.status(status).body(body);
    }
}
