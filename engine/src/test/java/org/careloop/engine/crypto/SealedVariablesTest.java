package org.careloop.engine.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.careloop.processes.ProcessVariables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Process variables holding what a patient or clinician wrote are stored sealed in the runtime and history tables,
 * and read back as text; every other string variable is stored as it is, so queries by value keep working.
 */
class SealedVariablesTest {

    private ProcessEngine engine;
    private JdbcTemplate jdbc;

    @BeforeEach
    void engine() {
        String url = org.careloop.engine.StandaloneEngines.databaseUrl("sealed-" + UUID.randomUUID());
        jdbc = new JdbcTemplate(new DriverManagerDataSource(url, "sa", ""));
        jdbc.execute("create table phi_keyset (id int primary key, wrapped varchar(20000) not null, "
                + "updated_at timestamp not null)");
        PhiCipher cipher = new PhiCipher(
                jdbc,
                new DataSourceTransactionManager(jdbc.getDataSource()),
                Clock.systemUTC(),
                new CryptoProperties(null, null));
        StandaloneInMemProcessEngineConfiguration configuration =
                org.careloop.engine.StandaloneEngines.onItsOwnDatabase("sealed");
        configuration.setJdbcUrl(url);
        configuration.setHistory("full");
        configuration.setProcessEnginePlugins(List.of(new SealedVariables(cipher)));
        engine = configuration.buildProcessEngine();
        engine.getRepositoryService()
                .createDeployment()
                .addModelInstance(
                        "wait.bpmn",
                        Bpmn.createExecutableProcess("wait")
                                .startEvent()
                                .userTask("task")
                                .endEvent()
                                .done())
                .deploy();
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void aReplyIsStoredSealedAndReadAsTextWhileIdsStayQueryable() {
        var instance = engine.getRuntimeService()
                .startProcessInstanceByKey(
                        "wait",
                        Variables.createVariables()
                                .putValue(ProcessVariables.PATIENT_ID, "patient-1")
                                .putValue(ProcessVariables.REPLY_BODY, "I have chest pain"));

        assertThat(engine.getRuntimeService().getVariable(instance.getId(), ProcessVariables.REPLY_BODY))
                .isEqualTo("I have chest pain");
        assertThat(engine.getRuntimeService().getVariable(instance.getId(), ProcessVariables.PATIENT_ID))
                .isEqualTo("patient-1");
        assertThat(engine.getTaskService()
                        .createTaskQuery()
                        .processVariableValueEquals(ProcessVariables.PATIENT_ID, "patient-1")
                        .count())
                .isEqualTo(1);
        assertThat(jdbc.queryForList(
                        "select TEXT_ from ACT_RU_VARIABLE where NAME_ = ?", String.class, ProcessVariables.REPLY_BODY))
                .singleElement()
                .satisfies(text -> assertThat(text).startsWith(PhiCipher.PREFIX).doesNotContain("chest"));
        assertThat(jdbc.queryForList(
                        "select TEXT_ from ACT_HI_VARINST where NAME_ = ?", String.class, ProcessVariables.REPLY_BODY))
                .singleElement()
                .satisfies(text -> assertThat(text).doesNotContain("chest"));
        assertThat(jdbc.queryForObject(
                        "select TEXT_ from ACT_RU_VARIABLE where NAME_ = ?", String.class, ProcessVariables.PATIENT_ID))
                .isEqualTo("patient-1");
    }
}
