package org.careloop.processes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaFailedJobRetryTimeCycle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The build's own lint of every care program, so a fresh clone checks what Camunda Modeler would: the
 * model parses against the BPMN schema, every element is drawn, named and connected, ids are meaningful,
 * decisions are explicit, and every step that reaches the outside world is asynchronous with retries.
 */
class ModelLintTest {

    static Stream<Path> models() throws IOException {
        return Files.walk(Path.of("src/main/resources/bpmn"))
                .filter(p -> p.toString().endsWith(".bpmn"))
                .sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void modelIsValidDrawnNamedAndConnected(Path file) {
        assertThat(file.getFileName().toString()).as("file name").doesNotContain(" ");
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        Bpmn.validateModel(model);
        List<String> problems = new ArrayList<>();

        for (Process process : model.getModelElementsByType(Process.class)) {
            if (!process.getId().matches("(program|careloop)-[a-z0-9-]+")) {
                problems.add("process id " + process.getId() + " is not program-<name> or careloop-<name>");
            }
            if (process.getCamundaHistoryTimeToLiveString() == null) {
                problems.add("process " + process.getId() + " has no history time to live");
            }
            if (!process.isExecutable()) {
                problems.add("process " + process.getId() + " is not executable");
            }
        }
        Collection<String> shapes = model.getModelElementsByType(BpmnShape.class).stream()
                .map(s -> s.getBpmnElement().getId())
                .toList();
        Collection<String> edges = model.getModelElementsByType(BpmnEdge.class).stream()
                .map(e -> e.getBpmnElement().getId())
                .toList();

        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            String id = node.getId();
            if (!id.matches("[a-z][A-Za-z0-9]*")) {
                problems.add(id + ": id is not meaningful camelCase");
            }
            if (node.getName() == null || node.getName().isBlank()) {
                problems.add(id + ": has no name");
            }
            if (!shapes.contains(id)) {
                problems.add(id + ": is not drawn (no BPMNShape)");
            }
            // an event subprocess is entered by its start event and left by its end, never by a flow
            boolean eventSubProcess =
                    node instanceof org.camunda.bpm.model.bpmn.instance.SubProcess sub && sub.triggeredByEvent();
            boolean entry = node instanceof StartEvent || node instanceof BoundaryEvent || eventSubProcess;
            if (!entry && node.getIncoming().isEmpty()) {
                problems.add(id + ": has no incoming flow");
            }
            if (!(node instanceof EndEvent)
                    && !eventSubProcess
                    && node.getOutgoing().isEmpty()) {
                problems.add(id + ": has no outgoing flow");
            }
        }
        for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
            if (!edges.contains(flow.getId())) {
                problems.add(flow.getId() + ": sequence flow is not drawn (no BPMNEdge)");
            }
        }
        for (ExclusiveGateway gateway : model.getModelElementsByType(ExclusiveGateway.class)) {
            if (gateway.getOutgoing().size() > 1) {
                for (SequenceFlow out : gateway.getOutgoing()) {
                    if (out.getConditionExpression() == null && out != gateway.getDefault()) {
                        problems.add(gateway.getId() + ": flow " + out.getId()
                                + " has neither a condition nor is the default");
                    }
                }
            }
        }
        for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
            String delegate = task.getCamundaDelegateExpression();
            boolean external =
                    delegate != null && (delegate.contains("sendMessage") || delegate.contains("recordOutcome"));
            if (external && !task.isCamundaAsyncBefore()) {
                problems.add(task.getId() + ": reaches the outside world but is not asyncBefore");
            }
            if (external
                    && (task.getExtensionElements() == null
                            || task.getExtensionElements()
                                    .getElementsQuery()
                                    .filterByType(CamundaFailedJobRetryTimeCycle.class)
                                    .list()
                                    .isEmpty())) {
                problems.add(task.getId() + ": has no retry time cycle");
            }
        }
        assertThat(problems).as("lint problems in " + file).isEmpty();
    }
}
