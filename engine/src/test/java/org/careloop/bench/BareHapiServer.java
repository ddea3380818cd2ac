package org.careloop.bench;

import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.IDaoRegistry;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.config.util.ResourceCountCacheUtil;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import ca.uhn.fhir.jpa.provider.DaoRegistryResourceSupportedSvc;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.jpa.provider.JpaSystemProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.jpa.search.IStaleSearchDeletingSvc;
import ca.uhn.fhir.jpa.search.StaleSearchDeletingSvcImpl;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import ca.uhn.fhir.jpa.util.ResourceCountCache;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.IResourceSupportedSvc;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManagerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.util.FileSystemUtils;

/**
 * Benchmark reference for B2 and B4, not a test (outside the application's component scan, which it must never join): a bare HAPI FHIR JPA server (R4) at {@code /fhir}, as HAPI ships
 * it, with the same HAPI version, JPA settings and database as CareLoop's facade, and none of CareLoop: no
 * authorization rules, no subscriptions, no write listeners, no Camunda, no Drools. Run with
 * {@code bench/bare-hapi.sh N [jdbc-url user password]}; arguments here: {@code port [jdbc-url user password]}.
 */
@Configuration(proxyBeanMethods = false)
@Import({
    ServletWebServerFactoryAutoConfiguration.class,
    JpaR4Config.class,
    ThreadPoolFactoryConfig.class,
    JpaBatch2Config.class,
    Batch2JobsConfig.class,
    SubscriptionChannelConfig.class
})
public class BareHapiServer {

    private static String[] arguments;

    public static void main(String[] args) {
        arguments = args;
        // none of CareLoop's application.yml: only what is set here
        new SpringApplicationBuilder(BareHapiServer.class)
                .web(WebApplicationType.SERVLET)
                .run(
                        "--spring.config.name=bare-hapi",
                        "--spring.application.name=bare-hapi",
                        "--server.port=" + args[0],
                        "--server.address=127.0.0.1",
                        "--spring.main.allow-bean-definition-overriding=true",
                        "--spring.main.allow-circular-references=true");
    }

    /**
     * The database: PostgreSQL when given, else an H2 database in files, as CareLoop's embedded default (an in-memory
     * one would hold every row in the heap and, past a few thousand patients, measure the collector instead).
     */
    private static String url() {
        if (arguments.length > 1) {
            return arguments[1];
        }
        if (embeddedUrl == null) {
            try {
                Path directory = Files.createTempDirectory("bare-hapi-");
                Runtime.getRuntime()
                        .addShutdownHook(new Thread(() -> FileSystemUtils.deleteRecursively(directory.toFile())));
                embeddedUrl = "jdbc:h2:file:" + directory.resolve("fhir")
                        + ";DB_CLOSE_DELAY=-1;DB_CLOSE_ON_EXIT=FALSE;MODE=LEGACY";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return embeddedUrl;
    }

    private static String embeddedUrl;

    private static boolean postgres() {
        return url().startsWith("jdbc:postgresql");
    }

    @Primary
    @Bean
    DataSource dataSource() {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url());
        pool.setUsername(arguments.length > 2 ? arguments[2] : "sa");
        pool.setPassword(arguments.length > 3 ? arguments[3] : "");
        pool.setMaximumPoolSize(10);
        return pool;
    }

    @Bean
    JpaStorageSettings jpaStorageSettings() {
        JpaStorageSettings settings = new JpaStorageSettings();
        settings.setResourceServerIdStrategy(JpaStorageSettings.IdStrategyEnum.UUID);
        return settings;
    }

    @Bean
    SubscriptionSettings subscriptionSettings() {
        return new SubscriptionSettings();
    }

    @Bean
    PartitionSettings partitionSettings() {
        return new PartitionSettings();
    }

    @Bean
    IStaleSearchDeletingSvc staleSearchDeletingSvc() {
        return new StaleSearchDeletingSvcImpl();
    }

    @Bean
    DatabaseBackedPagingProvider databaseBackedPagingProvider() {
        return new DatabaseBackedPagingProvider();
    }

    @Bean
    IResourceSupportedSvc resourceSupportedSvc(IDaoRegistry daoRegistry) {
        return new DaoRegistryResourceSupportedSvc(daoRegistry);
    }

    @Bean(name = "myResourceCountsCache")
    ResourceCountCache resourceCountsCache(IFhirSystemDao<?, ?> systemDao) {
        return ResourceCountCacheUtil.newResourceCountCache(systemDao);
    }

    @Primary
    @Bean
    LocalContainerEntityManagerFactoryBean entityManagerFactory(
            DataSource dataSource,
            ConfigurableListableBeanFactory beanFactory,
            FhirContext fhirContext,
            JpaStorageSettings storageSettings) {
        LocalContainerEntityManagerFactoryBean factory =
                HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, storageSettings);
        factory.setPersistenceUnitName("HAPI_PU");
        factory.setDataSource(dataSource);
        Properties jpa = new Properties();
        jpa.put(
                "hibernate.dialect",
                postgres()
                        ? "ca.uhn.fhir.jpa.model.dialect.HapiFhirPostgresDialect"
                        : "ca.uhn.fhir.jpa.model.dialect.HapiFhirH2Dialect");
        jpa.put("hibernate.hbm2ddl.auto", "update");
        jpa.put("hibernate.search.enabled", "false");
        jpa.put("hibernate.jdbc.batch_size", "20");
        jpa.put("hibernate.order_inserts", "true");
        jpa.put("hibernate.order_updates", "true");
        factory.setJpaProperties(jpa);
        return factory;
    }

    @Primary
    @Bean
    JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
        return new JpaTransactionManager(entityManagerFactory);
    }

    @Bean
    RestfulServer fhirRestfulServer(
            IFhirSystemDao<?, ?> systemDao,
            ResourceProviderFactory resourceProviders,
            JpaSystemProvider<?, ?> systemProvider,
            JpaStorageSettings storageSettings,
            ISearchParamRegistry searchParamRegistry,
            IValidationSupport validationSupport,
            DatabaseBackedPagingProvider pagingProvider) {
        RestfulServer server = new RestfulServer(systemDao.getContext());
        server.registerProviders(resourceProviders.createProviders());
        server.registerProvider(systemProvider);
        server.setServerConformanceProvider(new JpaCapabilityStatementProvider(
                server, systemDao, storageSettings, searchParamRegistry, validationSupport));
        server.setPagingProvider(pagingProvider);
        server.setDefaultResponseEncoding(EncodingEnum.JSON);
        return server;
    }

    @Bean
    ServletRegistrationBean<RestfulServer> fhirServlet(RestfulServer server) {
        ServletRegistrationBean<RestfulServer> registration = new ServletRegistrationBean<>(server, "/fhir/*");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
