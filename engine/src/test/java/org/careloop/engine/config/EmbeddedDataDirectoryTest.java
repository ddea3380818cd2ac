package org.careloop.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

class EmbeddedDataDirectoryTest {

    /** The environment as the application's own configuration files make it, the later files first. */
    private static StandardEnvironment configuredBy(String... files) throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        for (String file : files) {
            for (PropertySource<?> source : new YamlPropertySourceLoader().load(file, new ClassPathResource(file))) {
                environment.getPropertySources().addFirst(source);
            }
        }
        return environment;
    }

    private static StandardEnvironment started(StandardEnvironment environment) {
        new EmbeddedDataDirectory(new DeferredLogs()).postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    private static void storeAndReadARow(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement statement = connection.createStatement()) {
            statement.execute("create table probe (id int primary key)");
            statement.execute("insert into probe values (7)");
            try (ResultSet rows = statement.executeQuery("select id from probe")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(7);
            }
            statement.execute("shutdown");
        }
    }

    @Test
    void theDefaultEmbeddedDatabasesKeepTheirRowsInFilesOfAPrivateDirectoryMadeForTheRun() throws Exception {
        StandardEnvironment environment = started(configuredBy("application.yml"));

        Path directory = Path.of(environment.getRequiredProperty(EmbeddedDataDirectory.DATA_DIR));
        try {
            assertThat(directory).isDirectory();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)))
                    .isEqualTo("rwx------");
            String fhir = environment.getRequiredProperty("careloop.datasource.fhir.url");
            String engine = environment.getRequiredProperty("careloop.datasource.engine.url");
            assertThat(fhir).startsWith("jdbc:h2:file:" + directory.resolve("fhir") + ";");
            assertThat(engine).startsWith("jdbc:h2:file:" + directory.resolve("engine") + ";");

            storeAndReadARow(fhir);
            storeAndReadARow(engine);

            assertThat(directory.resolve("fhir.mv.db")).isNotEmptyFile();
            assertThat(directory.resolve("engine.mv.db")).isNotEmptyFile();
        } finally {
            EmbeddedDataDirectory.remove(directory);
        }
        assertThat(directory).doesNotExist();
    }

    @Test
    void eachRunGetsADirectoryOfItsOwn() throws Exception {
        Path first = Path.of(started(configuredBy("application.yml")).getRequiredProperty("careloop.data-dir"));
        Path second = Path.of(started(configuredBy("application.yml")).getRequiredProperty("careloop.data-dir"));
        try {
            assertThat(first).isNotEqualTo(second);
        } finally {
            EmbeddedDataDirectory.remove(first);
            EmbeddedDataDirectory.remove(second);
        }
    }

    @Test
    void aConfiguredDirectoryIsUsedAndKept(@TempDir Path chosen) throws Exception {
        StandardEnvironment environment = configuredBy("application.yml");
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource(
                        "operator", java.util.Map.of(EmbeddedDataDirectory.DATA_DIR, chosen.toString())));

        started(environment);

        assertThat(environment.getPropertySources().contains("careloop-embedded-data"))
                .isFalse();
        assertThat(environment.getRequiredProperty("careloop.datasource.engine.url"))
                .startsWith("jdbc:h2:file:" + chosen.resolve("engine") + ";");
        storeAndReadARow(environment.getRequiredProperty("careloop.datasource.engine.url"));
        assertThat(chosen.resolve("engine.mv.db")).isNotEmptyFile();
    }

    @Test
    void noDirectoryIsMadeWhenTheDatabasesAreOnPostgres() throws Exception {
        StandardEnvironment environment = started(configuredBy("application.yml", "application-postgres.yml"));

        assertThat(environment.containsProperty(EmbeddedDataDirectory.DATA_DIR)).isFalse();
        assertThat(environment.getRequiredProperty("careloop.datasource.fhir.url"))
                .isEqualTo("jdbc:postgresql://localhost:5432/careloop");
    }
}
