package coop.cpc.lakehouse.catalog.run;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Logger;

/**
 * The indexes JBeret's JDBC job repository lacks on the columns its ON DELETE CASCADE foreign keys follow
 * ({@code sql/jberet-postgresql.ddl} of jberet-core 3.1 declares the keys but indexes none of them). PostgreSQL runs
 * a cascade once for each deleted row, so without them each purged instance scans the whole {@code job_execution}
 * table and each purged execution the whole {@code step_execution} table, and a batch of a large history runs past
 * the transaction timeout every day. Deleting bottom-up does not help: the cascade's check still runs for every
 * deleted parent row. Created once, by the run history purge, if not there yet (a catalog check after that); the
 * connection must not be in a transaction, so that a refused one does not abort the others.
 */
public final class JobRepositoryIndexes {
    private static final Logger LOG = Logger.getLogger(JobRepositoryIndexes.class.getName());
    public static final String[] CREATE = {
        "CREATE INDEX IF NOT EXISTS lakehouse_job_execution_instance_idx ON public.job_execution (jobinstanceid)",
        "CREATE INDEX IF NOT EXISTS lakehouse_step_execution_execution_idx ON public.step_execution (jobexecutionid)",
        "CREATE INDEX IF NOT EXISTS lakehouse_partition_execution_step_idx"
                + " ON public.partition_execution (stepexecutionid)"
    };

    private JobRepositoryIndexes() {}

    /** Creates what is missing; one it may not create (not the tables' owner) is logged, and the purge goes on. */
    public static void ensure(Connection db) throws SQLException {
        try (Statement statement = db.createStatement()) {
            for (String create : CREATE) {
                try {
                    statement.execute(create);
                } catch (SQLException e) {
                    LOG.warning(() -> "Run history purge: could not run \"" + create + "\" (" + e.getSQLState()
                            + "); the purge goes on, but slowly on a large history: create it as the owner of"
                            + " JBeret's tables");
                }
            }
        }
    }
}
