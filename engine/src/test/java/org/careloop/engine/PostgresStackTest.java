package org.careloop.engine;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole stack on a real PostgreSQL server (binaries shipped in a Maven artifact), with the
 * {@code postgres} profile pointing Camunda, HAPI and the engine's tables at it by URL, user and password.
 */
@SpringBootTest(classes = CareLoopApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles({"demo", "postgres"})
public abstract class PostgresStackTest extends IntegrationSupport {

    static final int PORT = freePort();
    static final EmbeddedPostgres POSTGRES = start();

    private static EmbeddedPostgres start() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().setPort(freePort()).start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
            return postgres;
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
    }

    @Override
    protected int port() {
        return PORT;
    }
}
