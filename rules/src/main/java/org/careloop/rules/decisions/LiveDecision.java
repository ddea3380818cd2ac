package org.careloop.rules.decisions;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieRuntimeFactory;
import org.kie.dmn.api.core.DMNContext;
import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.api.core.DMNResult;
import org.kie.dmn.api.core.DMNRuntime;

/**
 * A DMN decision that can be replaced while the application runs: the classpath model first, then any newer version
 * an analyst deploys. A replacement is built and checked in full before it is swapped in, so a decision is always
 * taken by one complete model; a refused model leaves the running one in place. Thread-safe.
 */
public abstract class LiveDecision implements LiveModel {

    private static final AtomicInteger BUILDS = new AtomicInteger();

    private record Loaded(DMNRuntime runtime, DMNModel model) {}

    private final String namespace;
    private final String modelName;
    private final String decisionId;
    private volatile Loaded loaded;

    protected LiveDecision(KieBase kieBase, String namespace, String modelName, String decisionId) {
        this.namespace = namespace;
        this.modelName = modelName;
        this.decisionId = decisionId;
        this.loaded = load(kieBase);
    }

    /** The id of the decision, as deployments name it. */
    @Override
    public String decisionId() {
        return decisionId;
    }

    /**
     * Replaces the model with one built from DMN XML.
     *
     * @throws InvalidDecisionModel when the XML does not build, holds no model of this decision's namespace and
     *     name, or the model has errors; the running model stays
     */
    @Override
    public void replace(String dmnXml) {
        this.loaded = load(build(dmnXml));
    }

    /** Checks DMN XML as {@link #replace} would, without replacing anything. */
    @Override
    public void check(String dmnXml) {
        load(build(dmnXml));
    }

    @Override
    public String kind() {
        return "DMN";
    }

    /**
     * Takes the decision (the rule a BPMN "Decide" step names) with the given inputs, named as the model's input data
     * (other names are ignored), and returns the outputs of the matched rule by name, whole numbers as {@code Long}
     * and others as {@code Double}.
     *
     * @throws IllegalStateException when the model fails or no rule matches
     */
    public Map<String, Object> decide(Map<String, Object> inputs) {
        // an input the caller does not have is unknown (null), as the tables' "-" cells expect
        Map<String, Object> all = new java.util.HashMap<>();
        loaded.model().getInputs().forEach(input -> all.put(input.getName(), null));
        all.putAll(inputs);
        Map<String, Object> outputs = new java.util.LinkedHashMap<>();
        evaluate(all).forEach((name, value) -> outputs.put(String.valueOf(name), plain(value)));
        return outputs;
    }

    private static Object plain(Object value) {
        if (value instanceof java.math.BigDecimal number) {
            return number.stripTrailingZeros().scale() <= 0 ? (Object) number.longValueExact() : number.doubleValue();
        }
        return value;
    }

    protected Map<?, ?> evaluate(Map<String, Object> inputs) {
        Loaded current = loaded;
        DMNContext context = current.runtime().newContext();
        inputs.forEach(context::set);
        DMNResult result = current.runtime().evaluateById(current.model(), context, decisionId);
        if (result.hasErrors()) {
            throw new IllegalStateException("Decision " + decisionId + " failed: "
                    + result.getMessages().stream().map(Object::toString).collect(Collectors.joining("; ")));
        }
        if (!(result.getDecisionResultById(decisionId).getResult() instanceof Map<?, ?> row)) {
            throw new IllegalStateException("Decision " + decisionId + " matched no rule for " + inputs);
        }
        return row;
    }

    private Loaded load(KieBase kieBase) {
        DMNRuntime runtime = KieRuntimeFactory.of(kieBase).get(DMNRuntime.class);
        DMNModel model = runtime.getModel(namespace, modelName);
        if (model == null) {
            throw new InvalidDecisionModel(List.of("No DMN model '" + modelName + "' in namespace " + namespace));
        }
        if (model.hasErrors()) {
            throw new InvalidDecisionModel(
                    model.getMessages().stream().map(m -> m.getText()).toList());
        }
        if (model.getDecisionById(decisionId) == null) {
            throw new InvalidDecisionModel(List.of("The model has no decision with id '" + decisionId + "'"));
        }
        return new Loaded(runtime, model);
    }

    private static KieBase build(String dmnXml) {
        wellFormed(dmnXml);
        try {
            return compile(dmnXml);
        } catch (InvalidDecisionModel invalid) {
            throw invalid;
        } catch (RuntimeException unreadable) {
            Throwable cause = unreadable;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            throw new InvalidDecisionModel(List.of("The model could not be read as DMN: "
                    + String.valueOf(cause.getMessage()).strip()));
        }
    }

    /** Refuses what is not well-formed XML, and any document type declaration (no external entities, ever). */
    private static void wellFormed(String xml) {
        try {
            javax.xml.parsers.DocumentBuilderFactory factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            javax.xml.parsers.DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            builder.parse(new org.xml.sax.InputSource(new java.io.StringReader(xml)));
        } catch (org.xml.sax.SAXParseException e) {
            throw new InvalidDecisionModel(List.of("Not well-formed XML at line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + ": " + e.getMessage()));
        } catch (org.xml.sax.SAXException | java.io.IOException | javax.xml.parsers.ParserConfigurationException e) {
            throw new InvalidDecisionModel(List.of("Not readable as XML: " + e.getMessage()));
        }
    }

    private static KieBase compile(String dmnXml) {
        KieServices kie = KieServices.Factory.get();
        KieFileSystem files = kie.newKieFileSystem();
        // each build its own release, so builds on several threads never share one
        ReleaseId release = kie.newReleaseId("org.careloop.decisions", "deployed", "1.0." + BUILDS.incrementAndGet());
        files.generateAndWritePomXML(release);
        files.write("src/main/resources/org/careloop/decisions/deployed.dmn", dmnXml);
        KieBuilder builder = kie.newKieBuilder(files).buildAll();
        List<String> errors = builder.getResults().getMessages(Message.Level.ERROR).stream()
                .map(Message::getText)
                .toList();
        if (!errors.isEmpty()) {
            throw new InvalidDecisionModel(errors);
        }
        return kie.newKieContainer(release).getKieBase();
    }
}
