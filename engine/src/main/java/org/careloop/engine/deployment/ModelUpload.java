package org.careloop.engine.deployment;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.careloop.rules.decisions.InvalidDecisionModel;
import org.springframework.stereotype.Service;

/**
 * One model file, deployed by its name: {@code .bpmn} as a process model, {@code <decision-id>.dmn} or {@code
 * <rule-set-id>.drl} as that decision's next version. The admin page's upload and the watched folder both come here,
 * so a file is checked the same way whichever way it arrives.
 */
@Service
public class ModelUpload {

    /** What now runs, or every reason the file was refused (nothing changed then). */
    public record Result(boolean refused, String summary, List<String> problems) {
        static Result refused(List<String> problems) {
            return new Result(true, "The model was not deployed: " + problems.get(0), problems);
        }
    }

    private final ModelDeployments processes;
    private final DecisionDeployments decisions;

    ModelUpload(ModelDeployments processes, DecisionDeployments decisions) {
        this.processes = processes;
        this.decisions = decisions;
    }

    /**
     * @param source where the file came from, recorded with the deployment (e.g. {@code admin-page})
     */
    public Result deploy(String fileName, byte[] content, String user, List<String> groups, String source) {
        String name = fileName == null
                ? ""
                : fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
        if (!name.matches("[A-Za-z0-9._-]{1,100}")) {
            return Result.refused(List.of("Name the file with letters, digits, '.', '_' or '-' only (at most 100)"));
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".bpmn")) {
            return process(name, content, user, groups, source);
        }
        if (lower.endsWith(".dmn") || lower.endsWith(".drl")) {
            return decision(name, content, user);
        }
        return Result.refused(List.of(name + " is not a model: deploy a .bpmn, .dmn or .drl file"));
    }

    private Result process(String name, byte[] content, String user, List<String> groups, String source) {
        ModelDeployments.Outcome outcome =
                processes.deploy(source + ":" + name, source, true, Map.of(name, content), user, groups);
        if (outcome.refused()) {
            return Result.refused(outcome.problems());
        }
        List<ProcessDefinition> definitions = outcome.deployed().getDeployedProcessDefinitions();
        if (definitions == null || definitions.isEmpty()) {
            return new Result(false, name + " is the same as the version already running: nothing changed", List.of());
        }
        return new Result(
                false,
                definitions.stream()
                                .map(d -> d.getKey() + " version " + d.getVersion())
                                .reduce((a, b) -> a + ", " + b)
                                .orElseThrow()
                        + " deployed: new instances start on it, running ones keep their version",
                List.of());
    }

    private Result decision(String name, byte[] content, String user) {
        String kind = name.substring(name.lastIndexOf('.') + 1).toUpperCase(Locale.ROOT);
        String id = name.substring(0, name.lastIndexOf('.'));
        if (!decisions.decisionIds().contains(id)) {
            return Result.refused(List.of("No decision or rule set '" + id + "'; name the file after one of "
                    + decisions.decisionIds().stream().sorted().toList()));
        }
        if (!decisions.kind(id).equals(kind)) {
            return Result.refused(List.of(id + " is a " + decisions.kind(id) + " model: upload " + id + "."
                    + decisions.kind(id).toLowerCase(Locale.ROOT)));
        }
        try {
            int version = decisions.deploy(id, new String(content, StandardCharsets.UTF_8), user);
            return new Result(false, id + " version " + version + " deployed: it decides from now on", List.of());
        } catch (InvalidDecisionModel invalid) {
            return Result.refused(invalid.problems());
        }
    }
}
