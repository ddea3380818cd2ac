package org.careloop.engine.deployment;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnDiagram;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Checks a BPMN model before it may be deployed: valid BPMN 2.0 with diagram interchange, executable with a
 * history time to live, every flow node named; no scripts unless scripts are enabled; no Java classes outside
 * CareLoop's, no connectors; and no expression that reaches reflection, class loading, {@code Runtime},
 * processes, threads or the engine's internals. The engine refuses the same at run time ({@code ReflectionGuard});
 * this check tells the author before anything is deployed.
 */
public final class ModelSafety {

    static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";
    private static final Pattern FORBIDDEN = Pattern.compile(
            "\\b(getClass|forName|[cC]lassLoader|loadClass|defineClass|newInstance|Runtime|ProcessBuilder|reflect|invoke"
                    + "|getMethods?|getDeclared\\w*|getConstructors?|getFields?|setAccessible|exec|System|Thread"
                    + "|ScriptEngine\\w*|[gG]etProcessEngine\\w*|processEngine\\w*|Unsafe|MethodHandles?)\\b"
                    + "|\\.class\\b|\\b(java|javax|jdk|sun|com\\.sun)\\.");

    private ModelSafety() {}

    /** The problems found; empty when the model may be deployed. */
    public static List<String> problems(String resourceName, byte[] xml, boolean scriptsEnabled) {
        List<String> problems = new ArrayList<>();
        Document document;
        try {
            document = secureBuilder().parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            return List.of(resourceName + ": not well-formed XML (or it declares a DTD)");
        }
        BpmnModelInstance model;
        try {
            model = Bpmn.readModelFromStream(new ByteArrayInputStream(xml));
        } catch (RuntimeException e) {
            return List.of(resourceName + ": not a valid BPMN 2.0 model");
        }
        if (model.getModelElementsByType(BpmnDiagram.class).isEmpty()) {
            problems.add(resourceName + ": no diagram interchange (open and save it in Camunda Modeler)");
        }
        for (Process process : model.getModelElementsByType(Process.class)) {
            if (process.isExecutable() && process.getCamundaHistoryTimeToLiveString() == null) {
                problems.add(resourceName + ": process " + process.getId() + " has no history time to live");
            }
        }
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            if (node.getName() == null || node.getName().isBlank()) {
                problems.add(resourceName + ": " + node.getElementType().getTypeName() + " " + node.getId()
                        + " has no name");
            }
        }
        scan(resourceName, document.getDocumentElement(), scriptsEnabled, problems);
        return problems;
    }

    private static void scan(String resource, Element element, boolean scriptsEnabled, List<String> problems) {
        String where = resource + ": " + element.getLocalName()
                + (element.hasAttribute("id") ? " " + element.getAttribute("id") : "");
        boolean camunda = CAMUNDA_NS.equals(element.getNamespaceURI());
        if (!scriptsEnabled
                && ("scriptTask".equals(element.getLocalName())
                        || camunda && "script".equals(element.getLocalName())
                        || element.hasAttribute("language")
                        || element.hasAttribute("scriptFormat")
                        || element.hasAttributeNS(CAMUNDA_NS, "resource"))) {
            problems.add(where + ": scripts are turned off on this server (careloop.security.scripts-enabled)");
        }
        if (camunda && ("connector".equals(element.getLocalName()) || "connectorId".equals(element.getLocalName()))) {
            problems.add(where + ": connectors are not available; use a delegate");
        }
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attribute = (Attr) attributes.item(i);
            String name = attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
            if (CAMUNDA_NS.equals(attribute.getNamespaceURI())
                    && "class".equals(name)
                    && !attribute.getValue().startsWith("org.careloop.")) {
                problems.add(where + ": Java class " + attribute.getValue()
                        + " is not one of CareLoop's; use a delegate expression");
            }
            checkExpression(where, attribute.getValue(), problems);
        }
        if (camunda && "class".equals(element.getLocalName())) {
            problems.add(where + ": Java classes are not allowed here; use a delegate expression");
        }
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element childElement) {
                scan(resource, childElement, scriptsEnabled, problems);
            } else if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                checkExpression(where, child.getNodeValue(), problems);
            }
        }
    }

    private static void checkExpression(String where, String value, List<String> problems) {
        if (value != null
                && (value.contains("${") || value.contains("#{"))
                && FORBIDDEN.matcher(value).find()) {
            problems.add(
                    where + ": expression reaches Java reflection, classes, the runtime or the engine's internals");
        }
    }

    private static DocumentBuilder secureBuilder() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory.newDocumentBuilder();
    }
}
