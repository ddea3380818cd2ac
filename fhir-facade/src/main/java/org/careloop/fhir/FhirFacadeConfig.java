package org.careloop.fhir;

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
import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import ca.uhn.fhir.jpa.provider.DaoRegistryResourceSupportedSvc;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.jpa.provider.JpaSystemProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.jpa.search.IStaleSearchDeletingSvc;
import ca.uhn.fhir.jpa.search.StaleSearchDeletingSvcImpl;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import ca.uhn.fhir.jpa.subscription.match.config.SubscriptionProcessorConfig;
import ca.uhn.fhir.jpa.subscription.submit.config.SubscriptionSubmitterConfig;
import ca.uhn.fhir.jpa.util.ResourceCountCache;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.IResourceSupportedSvc;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import jakarta.persistence.EntityManagerFactory;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;
import org.careloop.fhir.security.FhirAccessRules;
import org.careloop.fhir.security.IncludeLimits;
import org.careloop.fhir.security.QuietParserErrorHandler;
import org.careloop.fhir.security.SubscriptionEndpointPolicy;
import org.hl7.fhir.dstu2.model.Subscription;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

/**
 * The bundled HAPI FHIR JPA server (R4) at {@code /fhir}. HAPI owns the {@code @Primary} data source,
 * entity manager factory and transaction manager; rest-hook Subscriptions are enabled so that EHRs
 * can subscribe to engagement outcomes.
 */
@Configuration
@EnableConfigurationProperties(FhirFacadeProperties.class)
@Import({
    JpaR4Config.class,
    ThreadPoolFactoryConfig.class,
    JpaBatch2Config.class,
    Batch2JobsConfig.class,
    SubscriptionChannelConfig.class,
    SubscriptionSubmitterConfig.class,
    SubscriptionProcessorConfig.class
})
public class FhirFacadeConfig {

    @Bean
    public JpaStorageSettings jpaStorageSettings() {
        JpaStorageSettings settings = new JpaStorageSettings();
        settings.setEnforceReferentialIntegrityOnWrite(true);
        settings.setAutoCreatePlaceholderReferenceTargets(false);
        settings.setAllowMultipleDelete(false);
        settings.setExpungeEnabled(false);
        settings.setResourceServerIdStrategy(JpaStorageSettings.IdStrategyEnum.UUID);
        return settings;
    }

    @Bean
    public SubscriptionSettings subscriptionSettings() {
        SubscriptionSettings settings = new SubscriptionSettings();
        settings.addSupportedSubscriptionType(Subscription.SubscriptionChannelType.RESTHOOK);
        return settings;
    }

    /** Only writes some active subscription could match are queued for subscription matching. */
    @Bean
    public SubscriptionMatchingScope subscriptionMatchingScope(
            ca.uhn.fhir.jpa.subscription.match.registry.SubscriptionRegistry subscriptions,
            FhirContext fhirContext,
            ca.uhn.fhir.interceptor.api.IInterceptorService storageInterceptors) {
        SubscriptionMatchingScope scope = new SubscriptionMatchingScope(subscriptions, fhirContext);
        storageInterceptors.registerInterceptor(scope);
        return scope;
    }

    @Bean
    public ca.uhn.fhir.jpa.model.config.PartitionSettings partitionSettings() {
        return new ca.uhn.fhir.jpa.model.config.PartitionSettings();
    }

    /** Only rest-hook subscriptions are enabled; an email subscription is refused before it gets here. */
    @Bean
    public ca.uhn.fhir.jpa.subscription.match.deliver.email.IEmailSender subscriptionEmailSender() {
        return details -> {
            throw new UnsupportedOperationException("Email subscriptions are not enabled on this server");
        };
    }

    @Bean
    public IStaleSearchDeletingSvc staleSearchDeletingSvc() {
        return new StaleSearchDeletingSvcImpl();
    }

    @Bean
    public DatabaseBackedPagingProvider databaseBackedPagingProvider() {
        DatabaseBackedPagingProvider paging = new DatabaseBackedPagingProvider();
        paging.setDefaultPageSize(20);
        paging.setMaximumPageSize(200);
        return paging;
    }

    @Bean
    public IResourceSupportedSvc resourceSupportedSvc(IDaoRegistry daoRegistry) {
        return new DaoRegistryResourceSupportedSvc(daoRegistry);
    }

    @Bean(name = "myResourceCountsCache")
    public ResourceCountCache resourceCountsCache(IFhirSystemDao<?, ?> systemDao) {
        return ResourceCountCacheUtil.newResourceCountCache(systemDao);
    }

    @Primary
    @Bean
    public LocalContainerEntityManagerFactoryBean entityManagerFactory(
            DataSource dataSource,
            ConfigurableListableBeanFactory beanFactory,
            FhirContext fhirContext,
            JpaStorageSettings storageSettings,
            FhirFacadeProperties properties) {
        FhirSchema.prepare(properties.schema(), dataSource, properties.hibernateDialect());
        LocalContainerEntityManagerFactoryBean factory =
                HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, storageSettings);
        factory.setPersistenceUnitName("HAPI_PU");
        factory.setDataSource(dataSource);
        Properties jpa = new Properties();
        jpa.put("hibernate.dialect", properties.hibernateDialect());
        jpa.put("hibernate.hbm2ddl.auto", FhirSchema.hibernateMode(properties.schema()));
        jpa.put("hibernate.format_sql", "false");
        jpa.put("hibernate.show_sql", "false");
        jpa.put("hibernate.search.enabled", "false");
        jpa.put("hibernate.jdbc.batch_size", "20");
        jpa.put("hibernate.order_inserts", "true");
        jpa.put("hibernate.order_updates", "true");
        factory.setJpaProperties(jpa);
        return factory;
    }

    @Primary
    @Bean
    public JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
        return new JpaTransactionManager(entityManagerFactory);
    }

    @Bean
    public RestfulServer fhirRestfulServer(
            IFhirSystemDao<?, ?> systemDao,
            ResourceProviderFactory resourceProviders,
            JpaSystemProvider<?, ?> systemProvider,
            JpaStorageSettings storageSettings,
            ISearchParamRegistry searchParamRegistry,
            IValidationSupport validationSupport,
            DatabaseBackedPagingProvider pagingProvider,
            List<FhirServerCustomizer> customizers) {
        RestfulServer server = new RestfulServer(systemDao.getContext());
        server.registerProviders(resourceProviders.createProviders());
        server.registerProvider(systemProvider);
        server.setServerConformanceProvider(new JpaCapabilityStatementProvider(
                server, systemDao, storageSettings, searchParamRegistry, validationSupport));
        server.setPagingProvider(pagingProvider);
        server.setDefaultResponseEncoding(EncodingEnum.JSON);
        server.setDefaultPrettyPrint(false);
        customizers.forEach(customizer -> customizer.customize(server));
        return server;
    }

    /**
     * Security on the FHIR API: per-role rules, no wildcard includes, quiet parse warnings. The Subscription
     * endpoint allow-list sits on the storage layer, so it holds for every way a Subscription can be written.
     */
    @Bean
    public FhirServerCustomizer fhirSecurity(
            FhirFacadeProperties properties,
            ca.uhn.fhir.interceptor.api.IInterceptorService storageInterceptors,
            org.springframework.beans.factory.ObjectProvider<org.careloop.fhir.security.CareTeamPatients> careTeam) {
        storageInterceptors.registerInterceptor(
                new SubscriptionEndpointPolicy(properties.subscription().allowedEndpoints()));
        storageInterceptors.registerInterceptor(new org.careloop.fhir.security.CareLoopRecords());
        storageInterceptors.registerInterceptor(new org.careloop.fhir.security.AuditReferences());
        return server -> {
            server.getFhirContext().setParserErrorHandler(new QuietParserErrorHandler());
            server.registerInterceptor(new FhirAccessRules(careTeam.getIfAvailable()));
            server.registerInterceptor(new IncludeLimits());
            server.registerInterceptor(new org.careloop.fhir.security.FhirErrorLog());
        };
    }

    @Bean
    public ServletRegistrationBean<RestfulServer> fhirServlet(RestfulServer server) {
        ServletRegistrationBean<RestfulServer> registration = new ServletRegistrationBean<>(server, "/fhir/*");
        registration.setName("fhir");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
