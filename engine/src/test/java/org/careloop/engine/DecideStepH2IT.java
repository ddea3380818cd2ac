package org.careloop.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.careloop.rules.chronic.ReadingThresholds;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An analyst's own program step "Decide" (element template "CareLoop: Decide"): deployed through the checked
 * deployment path, it takes a DMN decision with the process variables as inputs and sets the matched rule's outputs as
 * process variables, exactly as the decision itself answers.
 */
class DecideStepH2IT extends H2StackTest {

    @Autowired
    ReadingThresholds thresholds;

    @Test
    void aDecideStepSetsTheOutputsOfTheDecisionItNamesAsProcessVariables() {
        BpmnModelInstance model = Bpmn.createExecutableProcess("analyst-glucose-check")
                .name("Glucose check")
                .camundaHistoryTimeToLive(30)
                .startEvent("reading")
                .name("Reading received")
                .businessRuleTask("judge")
                .name("Judge the reading")
                .camundaDelegateExpression("${decideDelegate}")
                .camundaInputParameter("decision", "reading-thresholds")
                .userTask("review")
                .name("Review")
                .endEvent("done")
                .name("Done")
                .done();
        HttpResponse<String> deployed = deployModel("admin", "analyst-glucose-check.bpmn", Bpmn.convertToString(model));
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);

        String instance = runtime.startProcessInstanceByKey(
                        "analyst-glucose-check",
                        Variables.createVariables()
                                .putValue("measure", "glucose")
                                .putValue("value", 45))
                .getId();

        Map<String, Object> expected = thresholds.decide(Map.of("measure", "glucose", "value", 45));
        assertThat(expected.get("severity")).as("a glucose of 45 mg/dL alerts").isNotEqualTo("none");
        assertThat(runtime.getVariable(instance, "severity")).isEqualTo(expected.get("severity"));
        assertThat(runtime.getVariable(instance, "reason")).isEqualTo(expected.get("reason"));
        runtime.deleteProcessInstance(instance, "test done");
    }
}
