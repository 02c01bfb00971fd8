package coop.cpc.lakehouse.application.source.postgres;

import coop.cpc.lakehouse.application.source.SourceSettings;
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
public record PostgresTableSettings(String url, String user, String passwordAlias, String table, List<String> columns)
        implements SourceSettings {

    public PostgresTableSettings {
        columns = columns == null ? List.of() : List.copyOf(columns);
    }
}
