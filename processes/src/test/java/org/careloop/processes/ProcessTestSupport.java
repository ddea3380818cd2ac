package org.careloop.processes;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;
import org.camunda.bpm.engine.test.mock.Mocks;

/** One in-memory engine for all process tests, with the job executor off and beans resolved from {@link Mocks}. */
final class ProcessTestSupport {

    static final ProcessEngine ENGINE = buildEngine();

    private ProcessTestSupport() {}

    private static ProcessEngine buildEngine() {
        var configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setJdbcUrl("jdbc:h2:mem:careloop-processes;DB_CLOSE_DELAY=-1");
        configuration.setJobExecutorActivate(false);
        configuration.setExpressionManager(new MockExpressionManager());
        configuration.setHistory("full");
        configuration.setProcessEngineName("careloop-processes-test");
        return configuration.buildProcessEngine();
    }

    /** The schedule bean the BPMN timers call: discharge time plus an ISO-8601 offset. */
    public static final class Schedule {
        public Date after(String instant, String isoDuration) {
            return Date.from(Instant.parse(instant).plus(Duration.parse(isoDuration)));
        }

        public Date at(String instant) {
            return Date.from(Instant.parse(instant));
        }

        public Date before(String instant, String isoDuration) {
            return Date.from(Instant.parse(instant).minus(Duration.parse(isoDuration)));
        }

        public boolean moreThanAhead(String instant, String isoDuration) {
            return org.camunda.bpm.engine.impl.util.ClockUtil.now()
                    .toInstant()
                    .plus(Duration.parse(isoDuration))
                    .isBefore(Instant.parse(instant));
        }
    }

    /** A triage delegate that answers with fixed variables, as the Drools-backed one would. */
    static JavaDelegate triageAnswering(Map<String, Object> variables) {
        JavaDelegate delegate = mock(JavaDelegate.class);
        try {
            doAnswer(invocation -> {
                        DelegateExecution execution = invocation.getArgument(0);
                        execution.setVariables(variables);
                        return null;
                    })
                    .when(delegate)
                    .execute(any());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return delegate;
    }

    /** Runs the instance's due asynchronous continuations, and those they lead to, but no timer. */
    static void runJobs(org.camunda.bpm.engine.runtime.ProcessInstance instance) {
        for (var job = messageJob(instance); job != null; job = messageJob(instance)) {
            ENGINE.getManagementService().executeJob(job.getId());
        }
    }

    static org.camunda.bpm.engine.runtime.Job messageJob(org.camunda.bpm.engine.runtime.ProcessInstance instance) {
        return ENGINE
                .getManagementService()
                .createJobQuery()
                .processInstanceId(instance.getId())
                .messages()
                .list()
                .stream()
                .findFirst()
                .orElse(null);
    }

    static void registerQuietMocks() {
        Mocks.register("sendMessageDelegate", mock(JavaDelegate.class));
        Mocks.register("recordOutcomeDelegate", mock(JavaDelegate.class));
        Mocks.register("handoffTaskListener", mock(TaskListener.class));
        Mocks.register("schedule", new Schedule());
    }
}
