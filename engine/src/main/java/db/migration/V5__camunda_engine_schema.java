package db.migration;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * Camunda's tables, created from the SQL scripts Camunda ships for this database, in the order Camunda runs them. A
 * database whose Camunda tables already exist (made by an earlier version that let Camunda create them) is left as
 * it is. Camunda's own schema update is off ({@code camunda.bpm.database.schema-update: false}): the engine checks the
 * schema version at start, and an upgrade of Camunda adds a migration that runs Camunda's upgrade script.
 */
public class V5__camunda_engine_schema extends BaseJavaMigration {

    private static final List<String> COMPONENTS = List.of(
            "engine", "history", "identity", "case.engine", "case.history", "decision.engine", "decision.history");

    @Override
    public void migrate(Context context) throws Exception {
        Connection db = context.getConnection();
        if (exists(db.getMetaData(), "ACT_GE_PROPERTY")) {
            return;
        }
        String type = databaseType(db.getMetaData().getDatabaseProductName());
        for (String component : COMPONENTS) {
            ScriptUtils.executeSqlScript(
                    db,
                    new ClassPathResource(
                            "org/camunda/bpm/engine/db/create/activiti." + type + ".create." + component + ".sql"));
        }
    }

    static boolean exists(DatabaseMetaData meta, String table) throws Exception {
        for (String name : List.of(table, table.toLowerCase(Locale.ROOT))) {
            try (ResultSet tables = meta.getTables(null, null, name, null)) {
                if (tables.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    static String databaseType(String product) {
        String name = product.toLowerCase(Locale.ROOT);
        if (name.contains("postgres")) {
            return "postgres";
        }
        if (name.contains("h2")) {
            return "h2";
        }
        throw new IllegalStateException("CareLoop has no Camunda schema scripts for " + product);
    }
}
