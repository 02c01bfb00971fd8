package coop.cpc.lakehouse.application.job.source;

import coop.cpc.lakehouse.catalog.job.SourceType;
import java.util.List;

/**
 * A table of a PostgreSQL database, read with {@code COPY (SELECT ...) TO STDOUT}.
 *
 * @param url           {@code jdbc:postgresql://host:port/database}, without credentials
 * @param user          the role to connect as
 * @param passwordAlias alias of the password (see docs/ingestion-jobs.md), or null for none
 * @param table         {@code schema.table}
 * @param columns       the columns to read, or empty for all
 */
public record PostgresTableSource(String url, String user, String passwordAlias, String table, List<String> columns)
        implements SourceDefinition {

    public PostgresTableSource {
        columns = columns == null ? List.of() : List.copyOf(columns);
    }

    @Override
    public SourceType type() {
        return SourceType.POSTGRES_TABLE;
    }

    @Override
    public String batchJobName() {
        return "ingest-postgres-table";
    }
}
