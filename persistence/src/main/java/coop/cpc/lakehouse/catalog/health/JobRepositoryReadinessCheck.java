package coop.cpc.lakehouse.catalog.health;

import coop.cpc.lakehouse.catalog.datasource.CatalogDataSource;
import coop.cpc.lakehouse.catalog.migration.CatalogMigrations;
import coop.cpc.lakehouse.catalog.run.JobRepositoryConflict;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Says whose job repository the catalog's ingestion runs belong to (V9__job_repository_owner.sql) and, on the
 * other server kind, that its job operations are refused and why. It stays UP: queries, tables and the rest work;
 * a DOWN would take them out of service too (and keep the launcher waiting for Open Liberty to become ready).
 * In the EAR's lib/ for the same reason as {@link CatalogReadinessCheck}.
 */
@Readiness
@ApplicationScoped
public class JobRepositoryReadinessCheck implements HealthCheck {
    private static final String OWNER = "SELECT server_kind FROM " + CatalogMigrations.SCHEMA + ".job_repository_owner";

    @Override
    public HealthCheckResponse call() {
        String owner;
        try (Connection connection = CatalogDataSource.lookup().getConnection();
                Statement sql = connection.createStatement()) {
            sql.setQueryTimeout(CatalogReadinessCheck.QUERY_TIMEOUT_SECONDS);
            try (ResultSet rows = sql.executeQuery(OWNER)) {
                owner = rows.next() ? rows.getString(1) : null;
            }
        } catch (SQLException notMigratedYet) {
            // The catalog check reports a catalog that is not ready.
            return HealthCheckResponse.named("job-repository")
                    .up()
                    .withData("ingestionRuns", "unknown until the catalog is ready")
                    .build();
        }
        return HealthCheckResponse.named("job-repository")
                .up()
                .withData("ingestionRuns", ingestionRuns(owner, serverKind()))
                .build();
    }

    /** Whose runs the catalog holds, as this server sees it; the refusal's text when they are the other server's. */
    static String ingestionRuns(String owner, String serverKind) {
        if (owner == null) {
            return "no server has run jobs on this catalog yet";
        }
        String conflict = JobRepositoryConflict.message(owner, serverKind);
        return conflict != null
                ? "jobs refused: " + conflict
                : "belong to the " + JobRepositoryConflict.displayName(owner) + " job repository";
    }

    /** WILDFLY or OPEN_LIBERTY by the Jakarta Batch runtime's JobOperator, or null when neither is recognized. */
    static String serverKind(String jobOperatorClass) {
        if (jobOperatorClass.startsWith("org.jberet.")) {
            return JobRepositoryConflict.WILDFLY;
        }
        if (jobOperatorClass.startsWith("com.ibm.")) {
            return JobRepositoryConflict.OPEN_LIBERTY;
        }
        return null;
    }

    private static String serverKind() {
        try {
            return serverKind(BatchRuntime.getJobOperator().getClass().getName());
        } catch (RuntimeException | LinkageError noBatchRuntime) {
            return null;
        }
    }
}
