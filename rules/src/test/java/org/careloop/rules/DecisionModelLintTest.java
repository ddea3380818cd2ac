package org.careloop.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The build's own lint of every DMN model: DMN 1.3, drawn (DMNDI, so Camunda Modeler shows the DRD),
 * kebab-case decision ids, every decision and input named, and every decision table drawn with a shape.
 * Drools compiles the models in the decision tests.
 */
class DecisionModelLintTest {

    private static final String DMN13 = "https://www.omg.org/spec/DMN/20191111/MODEL/";
    private static final String DMNDI13 = "https://www.omg.org/spec/DMN/20191111/DMNDI/";

    static Stream<Path> models() throws IOException {
        return Files.walk(Path.of("src/main/resources"))
                .filter(p -> p.toString().endsWith(".dmn"))
                .sorted();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void modelIsDmn13DrawnAndNamed(Path file) throws Exception {
        assertThat(file.getFileName().toString()).doesNotContain(" ");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document dmn = factory.newDocumentBuilder().parse(file.toFile());
        List<String> problems = new ArrayList<>();

        Element root = dmn.getDocumentElement();
        if (!DMN13.equals(root.getNamespaceURI()) || !"definitions".equals(root.getLocalName())) {
            problems.add("not a DMN 1.3 definitions document");
        }
        NodeList decisions = dmn.getElementsByTagNameNS(DMN13, "decision");
        if (decisions.getLength() == 0) {
            problems.add("no decisions");
        }
        List<String> shapes = new ArrayList<>();
        NodeList shapeNodes = dmn.getElementsByTagNameNS(DMNDI13, "DMNShape");
        for (int i = 0; i < shapeNodes.getLength(); i++) {
            shapes.add(((Element) shapeNodes.item(i)).getAttribute("dmnElementRef"));
        }
        if (dmn.getElementsByTagNameNS(DMNDI13, "DMNDiagram").getLength() == 0) {
            problems.add("no diagram interchange (DMNDI)");
        }
        for (String type : List.of("decision", "inputData")) {
            NodeList elements = dmn.getElementsByTagNameNS(DMN13, type);
            for (int i = 0; i < elements.getLength(); i++) {
                Element element = (Element) elements.item(i);
                String id = element.getAttribute("id");
                if ("decision".equals(type) && !id.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
                    problems.add("decision id " + id + " is not kebab-case");
                }
                if (element.getAttribute("name").isBlank()) {
                    problems.add(type + " " + id + " has no name");
                }
                if (!shapes.contains(id)) {
                    problems.add(type + " " + id + " is not drawn");
                }
            }
        }
        assertThat(problems).as("lint problems in " + file).isEmpty();
    }
}
