package org.careloop.engine;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole stack on a real PostgreSQL server (binaries shipped in a Maven artifact), with the
 * {@code postgres} profile pointing Camunda, HAPI and the engine's tables at it by URL, user and password.
 */
@SpringBootTest(
        classes = {CareLoopApplication.class, PostgresStackTest.PostgresLifecycle.class},
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles({"demo", "postgres"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class PostgresStackTest extends IntegrationSupport {

    static final int PORT = TestPorts.free();
    static final EmbeddedPostgres POSTGRES = start();

    private static EmbeddedPostgres start() {
        try {
            return EmbeddedPostgres.builder().setPort(TestPorts.free()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void stack(DynamicPropertyRegistry registry) {
        stackProperties(registry, PORT);
        registry.add("careloop.db.url", () -> POSTGRES.getJdbcUrl("postgres", "postgres"));
        registry.add("careloop.db.username", () -> "postgres");
        registry.add("careloop.db.password", () -> "");
        // Camunda keeps engines in a static registry by name: the H2 context's engine is "default"
        registry.add("camunda.bpm.process-engine-name", () -> "postgres-it");
        // as outside the demo: no HTTP Basic; API clients present bearer tokens, people sign in with the form
        registry.add("careloop.security.basic-auth", () -> "false");
        registry.add("careloop.security.second-factor-required", () -> "true");
    }

    /** The API client's FHIR access, by a client-credentials bearer token (no HTTP Basic here). */
    @Override
    protected ca.uhn.fhir.rest.client.api.IGenericClient fhirAs(String client) {
        return fhirWithToken(bearerToken(client, "demo", "system/*.read system/*.write"));
    }

    /**
     * Stops PostgreSQL when the test context closes (after the test class, in a JVM of its own: see the
     * failsafe executions), after every bean that uses it: the connection pools are made to depend on this
     * bean, so they are closed first.
     */
    static class PostgresLifecycle implements DisposableBean {

        @Bean
        static BeanFactoryPostProcessor closePoolsBeforePostgres() {
            return factory -> {
                String[] lifecycle = factory.getBeanNamesForType(PostgresLifecycle.class, false, false);
                for (String pool : new String[] {"dataSource", "camundaBpmDataSource"}) {
                    if (factory.containsBeanDefinition(pool)) {
                        factory.getBeanDefinition(pool).setDependsOn(lifecycle);
                    }
                }
            };
        }

        @Override
        public void destroy() throws IOException {
            POSTGRES.close();
        }
    }

    @Override
    protected int port() {
        return PORT;
    }
}
