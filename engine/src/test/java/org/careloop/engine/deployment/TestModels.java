package org.careloop.engine.deployment;

/** A minimal deployable BPMN model around one task with id {@code run}, for deployment and safety tests. */
public final class TestModels {

    private TestModels() {}

    public static String withTask(String processKey, String task) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
                    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="defs" targetNamespace="http://careloop.org/test">
                  <bpmn:process id="%s" name="Probe" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:startEvent id="start" name="Start" />
                    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="run" />
                    %s
                    <bpmn:sequenceFlow id="f2" sourceRef="run" targetRef="end" />
                    <bpmn:endEvent id="end" name="End" />
                  </bpmn:process>
                  <bpmndi:BPMNDiagram id="diagram"><bpmndi:BPMNPlane id="plane" bpmnElement="%s">
                    <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="0" y="0" width="36" height="36" /></bpmndi:BPMNShape>
                  </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
                </bpmn:definitions>
                """.formatted(processKey, task, processKey).strip();
    }
}
