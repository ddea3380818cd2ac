package org.careloop.engine.bench;

import db.migration.V44__patient_variable_index;
import java.sql.Connection;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.task.TaskQuery;
import org.camunda.bpm.engine.variable.Variables;
import org.careloop.processes.ProcessBeans;
import org.careloop.processes.ProcessVariables;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.Context;

/**
 * Benchmark, not a test: how long the care team's pages take to find one patient's open tasks among N open tasks of
 * other patients (the task page's "other open tasks", the patient page's check that the patient is in the user's
 * queues). The shape CareLoop used (a task query by process variable) against the shape it uses now (the patient's
 * process instances by the indexed {@code patientId} variable, then their tasks), on the same engine and database,
 * before and after the index of {@code V44__patient_variable_index}. Run with
 * {@code bench/patient-tasks.sh [N] [jdbc-url user password]}.
 */
public final class PatientTaskLookup {

    private static final List<String> TEAMS = List.of("nurse", "pharmacist", "care-coordinator");
    private static final int LOOKUPS = 300;

    private PatientTaskLookup() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        TaskListener noTask = task -> {};
        StandaloneProcessEngineConfiguration config = BareEngines.configuration(args, "patient-tasks", 10);
        config.setBeans(Map.of(ProcessBeans.HANDOFF_TASK_LISTENER, noTask));
        ProcessEngine engine = config.buildProcessEngine();
        try {
            engine.getRepositoryService()
                    .createDeployment()
                    .addClasspathResource("bpmn/careloop-handoff.bpmn")
                    .deploy();
            // -Dindex.first=true: the index is there while the tasks are made, to count what it costs the writes
            boolean indexFirst = Boolean.getBoolean("index.first");
            if (indexFirst) {
                index(config);
            }
            long start = System.nanoTime();
            ExecutorService starters = Executors.newFixedThreadPool(4);
            for (int t = 0; t < 4; t++) {
                int first = t;
                starters.execute(() -> {
                    for (int i = first; i < n; i += 4) {
                        engine.getRuntimeService()
                                .startProcessInstanceByKey(
                                        "careloop-handoff",
                                        "bench:" + i,
                                        Variables.createVariables()
                                                .putValue(ProcessVariables.PATIENT_ID, "patient-" + i)
                                                .putValue(ProcessVariables.HANDOFF_TEAM, TEAMS.get(i % TEAMS.size()))
                                                .putValue(ProcessVariables.HANDOFF_PRIORITY, 50)
                                                .putValue(ProcessVariables.HANDOFF_REASON, "follow-up " + i)
                                                .putValue(ProcessVariables.REPLY_BODY, "a reply of patient " + i)
                                                .putValue(ProcessVariables.ENROLMENT_ID, "enrolment-" + i)
                                                .putValue(ProcessVariables.PROGRAM, "post-discharge"));
                    }
                });
            }
            starters.shutdown();
            starters.awaitTermination(1, TimeUnit.HOURS);
            System.out.printf(
                    "%s: %,d open tasks of %,d patients made in %.1f s (%s)%n",
                    BareEngines.databaseName(config),
                    engine.getTaskService().createTaskQuery().active().count(),
                    n,
                    (System.nanoTime() - start) / 1e9,
                    indexFirst ? "the index there" : "no index yet");
            analyze(config);
            Random random = new Random(42);
            int[] patients = random.ints(LOOKUPS, 0, n).toArray();
            if (!indexFirst) {
                measure(
                        "no index, task query by process variable (one patient's open tasks)",
                        patients,
                        i -> byVariable(engine, i).size());
                measure(
                        "no index, task query by process variable (in a nurse's queues, count)",
                        patients,
                        i -> (int) inQueues(engine)
                                .processVariableValueEquals(ProcessVariables.PATIENT_ID, "patient-" + i)
                                .count());
                index(config);
                analyze(config);
            }
            measure(
                    "index, task query by process variable (one patient's open tasks)",
                    patients,
                    i -> byVariable(engine, i).size());
            measure("index, the patient's instances, then their tasks (one patient's open tasks)", patients, i -> {
                String[] instances = instancesOf(engine, i);
                return instances.length == 0
                        ? 0
                        : engine.getTaskService()
                                .createTaskQuery()
                                .processInstanceIdIn(instances)
                                .active()
                                .list()
                                .size();
            });
            measure("index, the patient's instances, then their tasks (in a nurse's queues, count)", patients, i -> {
                String[] instances = instancesOf(engine, i);
                return instances.length == 0
                        ? 0
                        : (int) inQueues(engine).processInstanceIdIn(instances).count();
            });
        } finally {
            engine.close();
        }
    }

    private static List<?> byVariable(ProcessEngine engine, int patient) {
        return engine.getTaskService()
                .createTaskQuery()
                .processVariableValueEquals(ProcessVariables.PATIENT_ID, "patient-" + patient)
                .active()
                .list();
    }

    private static TaskQuery inQueues(ProcessEngine engine) {
        return engine.getTaskService()
                .createTaskQuery()
                .active()
                .or()
                .taskAssignee("nurse-1")
                .taskCandidateGroupIn(List.of("nurse"))
                .includeAssignedTasks()
                .endOr()
                .withoutTenantId();
    }

    private static String[] instancesOf(ProcessEngine engine, int patient) {
        return engine
                .getRuntimeService()
                .createVariableInstanceQuery()
                .variableValueEquals(ProcessVariables.PATIENT_ID, "patient-" + patient)
                .disableBinaryFetching()
                .disableCustomObjectDeserialization()
                .list()
                .stream()
                .map(VariableInstance::getProcessInstanceId)
                .distinct()
                .toArray(String[]::new);
    }

    /** Times each lookup after 30 unmeasured ones (the JIT's and the database's first plans), and checks its answer. */
    private static void measure(String what, int[] patients, java.util.function.IntUnaryOperator lookup) {
        for (int i = 0; i < 30; i++) {
            lookup.applyAsInt(patients[i]);
        }
        double[] ms = new double[patients.length];
        int found = 0;
        for (int i = 0; i < patients.length; i++) {
            long t = System.nanoTime();
            found += lookup.applyAsInt(patients[i]);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        IntSupplier expected = () -> what.contains("nurse")
                ? (int) Arrays.stream(patients)
                        .filter(p -> p % TEAMS.size() == 0)
                        .count()
                : patients.length;
        if (found != expected.getAsInt()) {
            throw new IllegalStateException(what + ": found " + found + " tasks, expected " + expected.getAsInt());
        }
        System.out.printf(
                "  %-80s p50 %7.2f ms  p95 %7.2f ms  max %7.2f ms%n",
                what, ms[ms.length / 2], ms[(int) (ms.length * 0.95)], ms[ms.length - 1]);
    }

    /** Fresh planner statistics on PostgreSQL, as autovacuum would have after a day of such work. */
    private static void analyze(StandaloneProcessEngineConfiguration config) throws Exception {
        if (BareEngines.databaseName(config).equals("PostgreSQL")) {
            try (Connection db = config.getDataSource().getConnection();
                    var statement = db.createStatement()) {
                statement.execute("analyze");
            }
        }
    }

    /** The index, made by CareLoop's own migration. */
    private static void index(StandaloneProcessEngineConfiguration config) throws Exception {
        try (Connection db = config.getDataSource().getConnection()) {
            new V44__patient_variable_index().migrate(context(db));
        }
    }

    private static Context context(Connection db) {
        return new Context() {
            @Override
            public Configuration getConfiguration() {
                return null;
            }

            @Override
            public Connection getConnection() {
                return db;
            }
        };
    }
}
