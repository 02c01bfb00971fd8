package coop.cpc.lakehouse.catalog.health;

import coop.cpc.lakehouse.catalog.datasource.CatalogDataSource;
import coop.cpc.lakehouse.catalog.migration.CatalogMigrations;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the catalog database answers within {@link #QUERY_TIMEOUT_SECONDS} seconds and Flyway has migrated
 * its schema. It lives in the EAR's lib/ because WildFly registers health checks of the top-level deployment
 * only, not of EAR sub-deployments (WFLY-12835).
 */
@Readiness
@ApplicationScoped
public class CatalogReadinessCheck implements HealthCheck {
    private static final String CURRENT_VERSION = "SELECT version FROM " + CatalogMigrations.SCHEMA
            + ".flyway_schema_history WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1";
    /** PostgreSQL's SQLSTATE of a statement cancelled by its timeout. */
    private static final String QUERY_CANCELED = "57014";

    /**
     * Seconds the probe's query may take: a hung or locked catalog then makes readiness DOWN instead of holding
     * the probe (and the orchestrator's request) until the connection's own timeout, if any.
     */
    static final int QUERY_TIMEOUT_SECONDS = 5;

    @Override
    public HealthCheckResponse call() {
        try {
            // The catalog database, by its configured JNDI name.
            Optional<String> version = schemaVersion(CatalogDataSource.lookup());
            return HealthCheckResponse.named("catalog")
                    .status(version.isPresent())
                    .withData("schemaVersion", version.orElse("none"))
                    .build();
        } catch (SQLException e) {
            // Before the first migration the history table does not exist yet.
            return HealthCheckResponse.named("catalog")
                    .down()
                    .withData(
                            "error",
                            QUERY_CANCELED.equals(e.getSQLState())
                                    ? "catalog database did not answer within " + QUERY_TIMEOUT_SECONDS + " s"
                                    : "catalog database not ready")
                    .build();
        }
    }

    /** @return the newest applied migration's version, empty when none is */
    static Optional<String> schemaVersion(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement sql = connection.createStatement()) {
            sql.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            try (ResultSet rows = sql.executeQuery(CURRENT_VERSION)) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }
}
