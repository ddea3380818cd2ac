package org.careloop.rules.decisions;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;

/**
 * A DRL rule set that can be replaced while the application runs. A replacement must compile and then pass the rule
 * set's acceptance check (e.g. every red flag of a fixed set still reaches a nurse) before it is swapped in, so the
 * rules in force are always one complete, checked rule set. Thread-safe: each reader takes the knowledge base in
 * force when it starts.
 */
public final class LiveRuleSet implements LiveModel {

    private static final AtomicInteger BUILDS = new AtomicInteger();

    private final String id;
    private final String resourcePath;
    private final Consumer<KieBase> acceptance;
    private volatile KieBase kieBase;

    /**
     * @param resourcePath where the rule set lives on the classpath, e.g. {@code org/careloop/rules/triage/x.drl}
     * @param acceptance   throws {@link InvalidDecisionModel} when a built rule set must not be used
     */
    public LiveRuleSet(String id, String resourcePath, KieBase initial, Consumer<KieBase> acceptance) {
        this.id = id;
        this.resourcePath = resourcePath;
        this.acceptance = acceptance;
        this.kieBase = initial;
    }

    @Override
    public String decisionId() {
        return id;
    }

    @Override
    public String kind() {
        return "DRL";
    }

    /** The rule set in force now. */
    public KieBase kieBase() {
        return kieBase;
    }

    @Override
    public void check(String drl) {
        acceptance.accept(build(drl));
    }

    @Override
    public void replace(String drl) {
        KieBase candidate = build(drl);
        acceptance.accept(candidate);
        this.kieBase = candidate;
    }

    private KieBase build(String drl) {
        if (drl == null || drl.isBlank()) {
            throw new InvalidDecisionModel(List.of("The rule set is empty"));
        }
        KieServices kie = KieServices.Factory.get();
        KieFileSystem files = kie.newKieFileSystem();
        ReleaseId release = kie.newReleaseId("org.careloop.rules", "deployed-" + id, "1.0." + BUILDS.incrementAndGet());
        files.generateAndWritePomXML(release);
        files.write("src/main/resources/" + resourcePath, drl);
        KieBuilder builder;
        try {
            builder = kie.newKieBuilder(files).buildAll();
        } catch (RuntimeException unreadable) {
            throw new InvalidDecisionModel(
                    List.of("The rule set could not be read as DRL: " + unreadable.getMessage()));
        }
        List<String> errors = builder.getResults().getMessages(Message.Level.ERROR).stream()
                .map(m -> (m.getLine() > 0 ? "line " + m.getLine() + ": " : "")
                        + m.getText().strip())
                .toList();
        if (!errors.isEmpty()) {
            throw new InvalidDecisionModel(errors);
        }
        return kie.newKieContainer(release).getKieBase();
    }
}
