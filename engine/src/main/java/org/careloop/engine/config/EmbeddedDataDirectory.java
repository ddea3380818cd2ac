package org.careloop.engine.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

/**
 * The embedded databases keep their rows in files under {@code careloop.data-dir}, not in the heap, so that a node on
 * the embedded default holds tens of thousands of patients in the same memory as a few. Unless a directory is
 * configured, one is made for the run (readable by the process's user only) and removed when the process ends: the
 * data lives as long as the process, as the demo's always has. Nothing is made when no data source names the
 * directory (the {@code postgres} profile).
 */
public class EmbeddedDataDirectory implements EnvironmentPostProcessor {

    static final String DATA_DIR = "careloop.data-dir";
    private static final String[] URLS = {"careloop.datasource.fhir.url", "careloop.datasource.engine.url"};

    private final Log log;

    public EmbeddedDataDirectory(DeferredLogFactory logs) {
        this.log = logs.getLog(EmbeddedDataDirectory.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty(DATA_DIR) || !namedByADataSource(environment)) {
            return;
        }
        Path directory = forTheRun();
        environment
                .getPropertySources()
                .addLast(new MapPropertySource("careloop-embedded-data", Map.of(DATA_DIR, directory.toString())));
        log.info("Embedded databases in " + directory + " for this run (set " + DATA_DIR + " to keep them)");
    }

    /** Whether a data source's URL, as configured (before its placeholders are resolved), names the directory. */
    private static boolean namedByADataSource(ConfigurableEnvironment environment) {
        for (String url : URLS) {
            for (PropertySource<?> source : environment.getPropertySources()) {
                Object value = source.getProperty(url);
                if (value != null) {
                    if (value.toString().contains("${" + DATA_DIR)) {
                        return true;
                    }
                    break;
                }
            }
        }
        return false;
    }

    static Path forTheRun() {
        try {
            Path directory;
            try {
                directory = Files.createTempDirectory(
                        "careloop-data-",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (UnsupportedOperationException notPosix) {
                directory = Files.createTempDirectory("careloop-data-");
            }
            Path made = directory;
            // after every application context has closed, when nothing reads or writes the databases any more
            SpringApplication.getShutdownHandlers().add(() -> remove(made));
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("No directory for the embedded databases", e);
        }
    }

    /** Removes the directory and what is in it; a file that cannot be removed is left. */
    static void remove(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException gone) {
            // nothing left to remove
        }
    }
}
