package db.migration;

import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * A patient's open work is found from the patient: the process instances whose {@code patientId} variable holds the
 * patient's id, found by this index, then their tasks. Camunda indexes variables by execution, process instance and
 * task but not by value, so asking for the tasks whose process holds a value walked every open task. On PostgreSQL
 * the index holds only the {@code patientId} rows (string variables may hold up to 4,000 characters, more than a
 * B-tree entry takes); the embedded database has no partial indexes and indexes the name with the value.
 */
public class V44__patient_variable_index extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        String type = V5__camunda_engine_schema.databaseType(
                context.getConnection().getMetaData().getDatabaseProductName());
        try (Statement ddl = context.getConnection().createStatement()) {
            ddl.execute(
                    "postgres".equals(type)
                            ? "create index cl_idx_variable_patient on act_ru_variable (text_) where name_ = 'patientId'"
                            : "create index cl_idx_variable_patient on act_ru_variable (name_, text_)");
        }
    }
}
