package org.careloop.engine.config;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.flyway.FlywayDataSource;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two connection pools: HAPI FHIR takes the primary one ({@code careloop.datasource.fhir.*}); Camunda and
 * the engine's own tables share the other ({@code careloop.datasource.engine.*}), so that an outbox row,
 * a message row and a process step commit in one transaction.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfig {

    @Bean
    @Primary
    @ConfigurationProperties("careloop.datasource.fhir")
    DataSourceProperties fhirDataSourceProperties() {
        return new DataSourceProperties();
    }

    @Bean
    @Primary
    @ConfigurationProperties("careloop.datasource.fhir.hikari")
    HikariDataSource dataSource(DataSourceProperties fhirDataSourceProperties) {
        HikariDataSource pool = fhirDataSourceProperties
                .initializeDataSourceBuilder()
                .type(HikariDataSource.class)
                .build();
        pool.setPoolName("fhir");
        return pool;
    }

    @Bean
    @ConfigurationProperties("careloop.datasource.engine")
    DataSourceProperties engineDataSourceProperties() {
        return new DataSourceProperties();
    }

    @Bean(name = "camundaBpmDataSource")
    @FlywayDataSource
    @ConfigurationProperties("careloop.datasource.engine.hikari")
    HikariDataSource camundaBpmDataSource(@Qualifier("engineDataSourceProperties") DataSourceProperties properties) {
        HikariDataSource pool = properties
                .initializeDataSourceBuilder()
                .type(HikariDataSource.class)
                .build();
        pool.setPoolName("engine");
        return pool;
    }

    @Bean(name = "camundaBpmTransactionManager")
    PlatformTransactionManager camundaBpmTransactionManager(@Qualifier("camundaBpmDataSource") DataSource dataSource) {
        return new DataSourceTransactionManager(dataSource);
    }

    /** JDBC on the engine database; joins Camunda's transaction when called from a delegate. */
    @Bean
    JdbcTemplate engineJdbc(@Qualifier("camundaBpmDataSource") DataSource dataSource) {
        return new JdbcTemplate(dataSource);
    }

    @Bean
    TransactionTemplate engineTransactions(
            @Qualifier("camundaBpmTransactionManager") PlatformTransactionManager manager) {
        return new TransactionTemplate(manager);
    }
}
