package org.careloop.engine.bench;

import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;

/** The bare Camunda engine the benchmarks' references run on: CareLoop's database kind, history full. */
final class BareEngines {

    private BareEngines() {}

    /** Arguments after the first: [jdbc-url user password]; in-memory H2 by default. */
    static StandaloneProcessEngineConfiguration configuration(String[] args, String database, int connections) {
        String url = args.length > 1 ? args[1] : "jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1";
        StandaloneProcessEngineConfiguration config = new StandaloneProcessEngineConfiguration();
        config.setJdbcUrl(url);
        config.setJdbcUsername(args.length > 2 ? args[2] : "sa");
        config.setJdbcPassword(args.length > 3 ? args[3] : "");
        config.setJdbcDriver(url.startsWith("jdbc:postgresql") ? "org.postgresql.Driver" : "org.h2.Driver");
        config.setJdbcMaxActiveConnections(connections);
        config.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        config.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        return config;
    }

    static String databaseName(StandaloneProcessEngineConfiguration config) {
        return config.getJdbcUrl().startsWith("jdbc:postgresql") ? "PostgreSQL" : "H2";
    }
}
