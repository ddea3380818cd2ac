package org.careloop.engine.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelSafetyTest {

    private static List<String> check(String task, boolean scripts) {
        return ModelSafety.problems("m.bpmn", TestModels.withTask("p", task).getBytes(StandardCharsets.UTF_8), scripts);
    }

    @Test
    void aModelOfDelegatesAndPlainExpressionsPasses() {
        assertThat(check(
                        "<bpmn:serviceTask id=\"run\" name=\"Run\" camunda:delegateExpression=\"${sendMessageDelegate}\">"
                                + "<bpmn:extensionElements><camunda:executionListener event=\"start\" "
                                + "expression=\"${execution.setVariable('a', 'b')}\" /></bpmn:extensionElements></bpmn:serviceTask>",
                        false))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "${''.getClass().forName('java.lang.Runtime').getRuntime().exec('id')}",
                "${execution.getProcessEngineServices().getIdentityService()}",
                "${x.class.classLoader}",
                "#{java.lang.System.exit(1)}",
                "${new ProcessBuilder('sh').start()}",
                "${Thread.currentThread()}"
            })
    void expressionsThatReachJavaAreRefused(String expression) {
        assertThat(check(
                        "<bpmn:serviceTask id=\"run\" name=\"Run\" camunda:expression=\"" + expression + "\" />",
                        false))
                .anySatisfy(p -> assertThat(p).contains("reflection"));
    }

    @Test
    void scriptsAreRefusedUnlessTurnedOn() {
        String script =
                "<bpmn:scriptTask id=\"run\" name=\"Run\" scriptFormat=\"groovy\"><bpmn:script>1</bpmn:script></bpmn:scriptTask>";

        assertThat(check(script, false)).anySatisfy(p -> assertThat(p).contains("scripts are turned off"));
        assertThat(check(script, true)).isEmpty();
    }

    @Test
    void javaClassesOutsideCareLoopAreRefused() {
        assertThat(check("<bpmn:serviceTask id=\"run\" name=\"Run\" camunda:class=\"com.example.Evil\" />", false))
                .anySatisfy(p -> assertThat(p).contains("com.example.Evil"));
    }

    @Test
    void unnamedNodesAndMissingDiagramAreReported() {
        String noDiagram = TestModels.withTask("p", "<bpmn:userTask id=\"run\" />")
                .replaceAll("(?s)<bpmndi:BPMNDiagram.*</bpmndi:BPMNDiagram>", "");

        assertThat(ModelSafety.problems("m.bpmn", noDiagram.getBytes(StandardCharsets.UTF_8), false))
                .anySatisfy(p -> assertThat(p).contains("diagram interchange"))
                .anySatisfy(p -> assertThat(p).contains("run has no name"));
    }

    @Test
    void aDoctypeIsRefused() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + TestModels.withTask("p", "<bpmn:userTask id=\"run\" name=\"&e;\" />")
                        .substring(TestModels.withTask("p", "").indexOf("<bpmn:definitions"));

        assertThat(ModelSafety.problems("m.bpmn", xxe.getBytes(StandardCharsets.UTF_8), false))
                .containsExactly("m.bpmn: not well-formed XML (or it declares a DTD)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bpmn/program-post-discharge.bpmn", "bpmn/careloop-check-in.bpmn"})
    void theShippedProgramsPass(String resource) throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).isNotNull();
            assertThat(ModelSafety.problems(resource, in.readAllBytes(), false)).isEmpty();
        }
    }
}
