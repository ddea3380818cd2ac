package org.careloop.processes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.camunda.bpm.impl.juel.Builder;
import org.camunda.bpm.impl.juel.IdentifierNode;
import org.camunda.bpm.impl.juel.Tree;
import org.careloop.rules.triage.TriageAction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Every expression in every model names only declared process variables ({@link ProcessVariables}), the engine's
 * exposed beans ({@link ProcessBeans}) or the engine's own {@code execution}/{@code task}; every variable a model maps
 * in or out is declared; and every code a model compares with or sets is a code the rules or the contract define.
 */
class ModelContractTest {

    private static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
    private static final Set<String> CHECK_IN_OUTCOMES = Set.of(
            ProcessVariables.CHECK_IN_OUTCOME,
            ProcessVariables.FIRST_CHECK_IN_OUTCOME,
            ProcessVariables.SECOND_CHECK_IN_OUTCOME);
    private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{[^}]*}");
    private static final Pattern COMPARISON = Pattern.compile("(\\w+)\\s*(?:==|!=|\\beq\\b|\\bne\\b)\\s*'([^']*)'");
    private static final Pattern SET_VARIABLE =
            Pattern.compile("setVariable(?:Local)?\\(\\s*'(\\w+)'\\s*,\\s*'([^']*)'\\s*\\)");

    static Stream<Path> models() throws IOException {
        return ModelLintTest.models();
    }

    /** Where a model refers to something, and what. */
    record Use(String where, String name) {}

    private static Document read(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    private static List<String> expressions(Document model) {
        List<String> found = new ArrayList<>();
        collect(model.getDocumentElement(), found);
        return found;
    }

    private static void collect(Node node, List<String> found) {
        if (node.getNodeType() == Node.TEXT_NODE || node.getNodeType() == Node.CDATA_SECTION_NODE) {
            addExpressions(node.getNodeValue(), found);
        }
        NamedNodeMap attributes = node.getAttributes();
        for (int i = 0; attributes != null && i < attributes.getLength(); i++) {
            addExpressions(attributes.item(i).getNodeValue(), found);
        }
        NodeList children = node.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            collect(children.item(i), found);
        }
    }

    private static void addExpressions(String text, List<String> found) {
        Matcher m = EXPRESSION.matcher(text == null ? "" : text);
        while (m.find()) {
            found.add(m.group());
        }
    }

    private static Set<String> identifiers(String expression) {
        Tree tree = new Builder(Builder.Feature.METHOD_INVOCATIONS, Builder.Feature.VARARGS).build(expression);
        Set<String> names = new java.util.TreeSet<>();
        for (IdentifierNode node : tree.getIdentifierNodes()) {
            names.add(node.getName());
        }
        return names;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void everyNameInAnExpressionIsADeclaredVariableOrAnExposedBean(Path file) throws Exception {
        Set<String> known = new java.util.HashSet<>(ProcessVariables.all());
        known.addAll(ProcessBeans.all());
        known.addAll(ProcessBeans.engineNames());
        List<String> expressions = expressions(read(file));
        assertThat(expressions).as("expressions in " + file).isNotEmpty();

        List<Use> unknown = expressions.stream()
                .flatMap(e -> identifiers(e).stream().map(name -> new Use(e, name)))
                .filter(use -> !known.contains(use.name()))
                .toList();

        assertThat(unknown)
                .as("names that are neither declared variables nor exposed beans")
                .isEmpty();
    }

    @org.junit.jupiter.api.Test
    void theMappingCheckSeesTheCheckInsMappings() throws Exception {
        assertThat(mappings(Path.of("src/main/resources/bpmn/careloop-check-in.bpmn")))
                .extracting(Use::name)
                .contains(ProcessVariables.TEMPLATE_ID);
    }

    private static List<Use> mappings(Path file) throws Exception {
        Document model = read(file);
        List<Use> mapped = new ArrayList<>();
        for (String element : List.of("in", "out", "inputParameter", "outputParameter")) {
            NodeList nodes = model.getElementsByTagNameNS(CAMUNDA, element);
            for (int i = 0; i < nodes.getLength(); i++) {
                Element mapping = (Element) nodes.item(i);
                for (String attribute : List.of("source", "target", "name")) {
                    if (mapping.hasAttribute(attribute)) {
                        mapped.add(new Use("camunda:" + element + " " + attribute, mapping.getAttribute(attribute)));
                    }
                }
            }
        }
        return mapped;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void everyVariableAModelMapsInOrOutIsDeclared(Path file) throws Exception {
        List<Use> mapped = mappings(file);

        assertThat(mapped)
                .filteredOn(use -> !ProcessVariables.all().contains(use.name()))
                .as("mapped variables that are not declared")
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void everyCodeAModelComparesWithOrSetsIsDefined(Path file) throws Exception {
        Set<String> triageCodes =
                Arrays.stream(TriageAction.values()).map(TriageAction::code).collect(Collectors.toSet());
        Set<String> outcomeCodes =
                Arrays.stream(CheckInOutcome.values()).map(CheckInOutcome::code).collect(Collectors.toSet());
        List<String> problems = new ArrayList<>();
        for (String expression : expressions(read(file))) {
            for (Matcher m : List.of(COMPARISON.matcher(expression), SET_VARIABLE.matcher(expression))) {
                while (m.find()) {
                    String variable = m.group(1);
                    String code = m.group(2);
                    if (!ProcessVariables.all().contains(variable)) {
                        problems.add(expression + ": " + variable + " is not declared");
                    } else if (variable.equals(ProcessVariables.TRIAGE_ACTION) && !triageCodes.contains(code)) {
                        problems.add(expression + ": '" + code + "' is not a triage action");
                    } else if (CHECK_IN_OUTCOMES.contains(variable) && !outcomeCodes.contains(code)) {
                        problems.add(expression + ": '" + code + "' is not a check-in outcome");
                    } else if (variable.equals(ProcessVariables.APPOINTMENT_ANSWER)
                            && Arrays.stream(org.careloop.rules.appointment.AppointmentIntent.values())
                                    .noneMatch(i -> i.code().equals(code))) {
                        problems.add(expression + ": '" + code + "' is not an appointment reply intent");
                    } else if (variable.equals(ProcessVariables.APPOINTMENT_OUTCOME)
                            && AppointmentOutcome.ofCode(code).isEmpty()) {
                        problems.add(expression + ": '" + code + "' is not an appointment outcome");
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /**
     * A step that answers the patient ({@code templateId} {@code ${ackTemplate}}) runs after an async continuation at
     * the answer priority, which the node that read the reply runs at once; no other step has that priority.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void everyAnswerStepAndOnlyItIsAnAsyncJobAtTheAnswerPriority(Path file) throws Exception {
        NodeList tasks =
                read(file).getElementsByTagNameNS("http://www.omg.org/spec/BPMN/20100524/MODEL", "serviceTask");
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < tasks.getLength(); i++) {
            Element task = (Element) tasks.item(i);
            boolean answers = false;
            NodeList inputs = task.getElementsByTagNameNS(CAMUNDA, "inputParameter");
            for (int j = 0; j < inputs.getLength(); j++) {
                Element input = (Element) inputs.item(j);
                answers |= ProcessVariables.TEMPLATE_ID.equals(input.getAttribute("name"))
                        && ("${" + ProcessVariables.ACK_TEMPLATE + "}")
                                .equals(input.getTextContent().strip());
            }
            String priority = task.getAttributeNS(CAMUNDA, "jobPriority");
            boolean atAnswerPriority = String.valueOf(JobPriorities.ANSWER).equals(priority);
            if (answers && !(atAnswerPriority && "true".equals(task.getAttributeNS(CAMUNDA, "asyncBefore")))) {
                problems.add(task.getAttribute("id")
                        + " answers the patient but is not an async job at the answer priority");
            } else if (!answers && atAnswerPriority) {
                problems.add(task.getAttribute("id") + " has the answer priority but does not answer the patient");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theCheckerCatchesAnUndeclaredNameAnUnknownCodeAndAnUnknownOutcome() {
        assertThat(identifiers("${schedule.after(dischargeTme, 'P7D')}"))
                .contains("dischargeTme")
                .doesNotContainAnyElementsOf(ProcessVariables.all());
        Matcher comparison = COMPARISON.matcher("${triageAction == 'urgnet'}");
        assertThat(comparison.find()).isTrue();
        assertThat(Arrays.stream(TriageAction.values()).map(TriageAction::code)).doesNotContain(comparison.group(2));
        Matcher set = SET_VARIABLE.matcher("${execution.setVariable('checkInOutcome', 'answered')}");
        assertThat(set.find()).isTrue();
        assertThat(CheckInOutcome.ofCode(set.group(2))).isEmpty();
    }
}
