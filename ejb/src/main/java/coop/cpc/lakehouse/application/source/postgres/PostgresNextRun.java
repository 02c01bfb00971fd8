package coop.cpc.lakehouse.application.source.postgres;

import coop.cpc.lakehouse.application.source.NextRunState;
import java.util.List;

/**
 * Where the next run of a PostgreSQL table job starts: after this primary key, in key order
 * (stored in the job's {@code source_state} as {@code {"lastKey": [...]}}).
 */
public record PostgresNextRun(List<String> lastKey) implements NextRunState {

    public PostgresNextRun {
        lastKey = lastKey == null ? List.of() : List.copyOf(lastKey);
    }
}
