package org.careloop.engine;

import java.util.UUID;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;

/** A Camunda engine of its own on a fresh in-memory H2 database, for tests of one mechanism without the stack. */
public final class StandaloneEngines {

    private StandaloneEngines() {}

    /**
     * The configuration of an engine on its own database, named after the test, with no job executor: the test runs
     * jobs itself. The caller adds beans or plugins and builds it.
     */
    public static StandaloneInMemProcessEngineConfiguration onItsOwnDatabase(String name) {
        String unique = name + "-" + UUID.randomUUID();
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setJdbcUrl(databaseUrl(unique));
        configuration.setJdbcUsername("sa");
        configuration.setJdbcPassword("");
        configuration.setDatabaseSchemaUpdate("true");
        configuration.setJobExecutorActivate(false);
        configuration.setProcessEngineName(unique);
        return configuration;
    }

    /**
     * The shape of a check-in after a reply ({@code careloop-check-in.bpmn}): a handoff task beside the asynchronous
     * acknowledgement, which the engine runs as a job of the answers' priority and which, when it ends, makes the
     * engine move the task to the process's remaining execution.
     *
     * @param acknowledgement the acknowledgement's expression
     * @param handoff what the test adds to the handoff task (listeners)
     */
    public static org.camunda.bpm.model.bpmn.BpmnModelInstance handoffBesideAcknowledgement(
            String key,
            String acknowledgement,
            java.util.function.UnaryOperator<org.camunda.bpm.model.bpmn.builder.UserTaskBuilder> handoff) {
        return handoff.apply(org.camunda.bpm.model.bpmn.Bpmn.createExecutableProcess(key)
                        .startEvent()
                        .parallelGateway("acknowledgeAndRoute")
                        .userTask("handOff")
                        .camundaCandidateGroups("nurse"))
                .endEvent()
                .moveToNode("acknowledgeAndRoute")
                .serviceTask("sendAcknowledgement")
                .camundaAsyncBefore()
                .camundaJobPriority(String.valueOf(org.careloop.processes.JobPriorities.ANSWER))
                .camundaExpression(acknowledgement)
                .endEvent()
                .done();
    }

    /** The JDBC URL of the in-memory database of that name, kept while the JVM runs. */
    public static String databaseUrl(String unique) {
        return "jdbc:h2:mem:" + unique + ";DB_CLOSE_DELAY=-1";
    }
}
