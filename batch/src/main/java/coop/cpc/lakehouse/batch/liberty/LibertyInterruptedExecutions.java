package coop.cpc.lakehouse.batch.liberty;

import coop.cpc.lakehouse.application.ingest.IngestionRunService;
import coop.cpc.lakehouse.catalog.datasource.CatalogDataSource;
import jakarta.annotation.PostConstruct;
import jakarta.batch.runtime.BatchStatus;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Finds, at start-up, the ingestion executions the previous Liberty process was running when it
 * stopped without finishing them (kill -9, power loss): Liberty's job repository still says
 * STARTING, STARTED or STOPPING, but nothing runs them. Liberty keeps them as they are (it marks
 * nothing at restart), so they are reported as interrupted and can be restarted from their last
 * checkpoint; their jobs' status becomes FAILED. Liberty's repository stores a batch status as the
 * ordinal of {@link BatchStatus} in {@code jobexecution.batchstatus} (schema {@code public}, no
 * table prefix, as server.xml's {@code BatchDatabaseStore} sets it).
 *
 * <p>One server per catalog is assumed: a second node would see the first one's running executions
 * as interrupted.
 */
@Singleton
@Startup
@DependsOn("lakehouse-ejb.jar#CatalogStartup")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class LibertyInterruptedExecutions {
    private static final Logger LOG = Logger.getLogger(LibertyInterruptedExecutions.class.getName());
    private static final String UNDEFINED_TABLE = "42P01";
    static final String SQL = "SELECT r.execution_id, r.job_id FROM lakehouse.ingestion_runs r "
            + "JOIN public.jobexecution e ON e.jobexecid = r.execution_id "
            + "WHERE e.batchstatus IN (?, ?, ?)";

    @EJB
    IngestionRunService runs;

    private final Set<Long> interrupted = new HashSet<>();

    @PostConstruct
    void detect() {
        try (Connection db = CatalogDataSource.lookup().getConnection();
                PreparedStatement select = db.prepareStatement(SQL)) {
            select.setInt(1, BatchStatus.STARTING.ordinal());
            select.setInt(2, BatchStatus.STARTED.ordinal());
            select.setInt(3, BatchStatus.STOPPING.ordinal());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long execution = rows.getLong(1);
                    UUID jobId = rows.getObject(2, UUID.class);
                    interrupted.add(execution);
                    runs.interrupted(jobId);
                    LOG.warning(() -> "Ingestion execution " + execution + " of job " + jobId
                            + " was interrupted by a server stop; restart it to resume from its last checkpoint");
                }
            }
        } catch (SQLException e) {
            if (!UNDEFINED_TABLE.equals(e.getSQLState())) {
                throw new IllegalStateException("Cannot look for interrupted ingestion executions", e);
            }
            // No job has ever run: Liberty has not created its job repository tables yet.
        }
    }

    @Lock(LockType.READ)
    public boolean isInterrupted(long executionId) {
        return interrupted.contains(executionId);
    }

    /** A restarted execution is no longer waiting for its restart. */
    @Lock(LockType.WRITE)
    public void restarted(long executionId) {
        interrupted.remove(executionId);
    }
}
