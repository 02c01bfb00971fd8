package coop.cpc.lakehouse.batch.jberet;

import coop.cpc.lakehouse.application.ingest.IngestionRunService;
import coop.cpc.lakehouse.catalog.datasource.CatalogDataSource;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Finds, at start-up, the ingestion executions the previous server process was running when it
 * stopped without finishing them (kill -9, power loss): the job repository still says STARTING,
 * STARTED or STOPPING, but nothing runs them. They are reported as interrupted and can be restarted
 * from their last checkpoint ({@code restartJobExecution}); their jobs' status becomes FAILED. It reads
 * JBeret's own tables (its JDBC job repository shares the catalog database), so it lives here, with
 * the rest of the batch runtime's adapter.
 *
 * <p>One server per catalog is assumed: a second node would see the first one's running executions
 * as interrupted.
 */
@Singleton
@Startup
@DependsOn("lakehouse-ejb.jar#CatalogStartup")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class InterruptedExecutions {
    private static final Logger LOG = Logger.getLogger(InterruptedExecutions.class.getName());
    private static final String UNDEFINED_TABLE = "42P01";

    /** The catalog database, by its configured JNDI name ({@link CatalogDataSource}). */
    private DataSource catalog;

    @EJB
    IngestionRunService runs;

    private final Set<Long> interrupted = new HashSet<>();

    @PostConstruct
    void detect() {
        catalog = CatalogDataSource.lookup();
        String sql = "SELECT r.execution_id, r.job_id FROM lakehouse.ingestion_runs r "
                + "JOIN public.job_execution e ON e.jobexecutionid = r.execution_id "
                + "WHERE e.batchstatus IN ('STARTING', 'STARTED', 'STOPPING')";
        try (Connection db = catalog.getConnection();
                Statement select = db.createStatement();
                ResultSet rows = select.executeQuery(sql)) {
            while (rows.next()) {
                long execution = rows.getLong(1);
                UUID jobId = rows.getObject(2, UUID.class);
                interrupted.add(execution);
                runs.interrupted(jobId);
                LOG.warning(() -> "Ingestion execution " + execution + " of job " + jobId
                        + " was interrupted by a server stop; restart it to resume from its last checkpoint");
            }
        } catch (SQLException e) {
            if (!UNDEFINED_TABLE.equals(e.getSQLState())) {
                throw new IllegalStateException("Cannot look for interrupted ingestion executions", e);
            }
            // No job has ever run: the batch job repository has not created its tables yet.
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
