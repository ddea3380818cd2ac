package org.careloop.fhir;

import ca.uhn.fhir.jpa.migrate.DriverTypeEnum;
import ca.uhn.fhir.jpa.migrate.HapiMigrator;
import ca.uhn.fhir.jpa.migrate.MigrationResult;
import ca.uhn.fhir.jpa.migrate.tasks.HapiFhirJpaMigrationTasks;
import ca.uhn.fhir.util.VersionEnum;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How HAPI's tables come to exist and to follow a HAPI upgrade ({@code careloop.fhir.schema}). */
final class FhirSchema {

    private static final Logger log = LoggerFactory.getLogger(FhirSchema.class);
    /** The table in which HAPI's migrator records what it has run, as HAPI's own CLI names it. */
    static final String MIGRATION_TABLE = "FLY_HFJ_MIGRATION";

    private FhirSchema() {}

    /** The value for Hibernate's {@code hbm2ddl.auto}. */
    static String hibernateMode(String schema) {
        return switch (schema) {
            case "update" -> "update";
            case "migrate", "none" -> "none";
            default ->
                throw new IllegalArgumentException(
                        "careloop.fhir.schema must be update, migrate or none, not '" + schema + "'");
        };
    }

    /** Runs HAPI's migrator when the facade is set to; several nodes starting at once take HAPI's migration lock. */
    static void prepare(String schema, DataSource dataSource, String hibernateDialect) {
        if (!"migrate".equals(schema)) {
            return;
        }
        HapiMigrator migrator = new HapiMigrator(MIGRATION_TABLE, dataSource, driverType(hibernateDialect));
        migrator.addTasks(new HapiFhirJpaMigrationTasks(Set.of()).getAllTasks(VersionEnum.values()));
        migrator.createMigrationTableIfRequired();
        MigrationResult result = migrator.migrate();
        if (!result.failedTasks.isEmpty()) {
            throw new IllegalStateException("FHIR schema migration failed: " + result.summary());
        }
        log.info("FHIR schema migrated: {} tasks run, {} changes", result.succeededTasks.size(), result.changes);
    }

    static DriverTypeEnum driverType(String hibernateDialect) {
        String dialect = hibernateDialect.toLowerCase(Locale.ROOT);
        if (dialect.contains("postgres")) {
            return DriverTypeEnum.POSTGRES_9_4;
        }
        if (dialect.contains("h2")) {
            return DriverTypeEnum.H2_EMBEDDED;
        }
        throw new IllegalArgumentException("No HAPI migration driver for dialect " + hibernateDialect);
    }
}
