package coop.cpc.lakehouse.catalog.health;

import coop.cpc.lakehouse.catalog.datasource.CatalogDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
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
    /** PostgreSQL's SQLSTATE of a statement cancelled by its timeout. */
    private static final String QUERY_CANCELED = "57014";

    /**
     * Seconds the probe's query may take: a hung or locked catalog then makes readiness DOWN instead of holding
     * the probe (and the orchestrator's request) until the connection's own timeout, if any.
     */
    static final int QUERY_TIMEOUT_SECONDS = 5;

    /**
     * Seconds a readiness request waits for the catalog's answer (a connection, then the query), whatever the
     * database does: a hung one (it accepted the connection and says nothing) would hold the request for ever.
     */
    static final int ANSWER_WITHIN_SECONDS = QUERY_TIMEOUT_SECONDS + 5;

    private static final Logger LOG = Logger.getLogger(CatalogReadinessCheck.class.getName());

    private final CatalogSchemaProbe probe = new CatalogSchemaProbe(Duration.ofSeconds(ANSWER_WITHIN_SECONDS));

    @Override
    public HealthCheckResponse call() {
        try {
            // The catalog database, by its configured JNDI name.
            Optional<String> version = probe.schemaVersion(CatalogDataSource.lookup());
            return HealthCheckResponse.named("catalog")
                    .status(version.isPresent())
                    .withData("schemaVersion", version.orElse("none"))
                    .build();
        } catch (CatalogNotAnsweringException e) {
            if (!e.earlierQuestion()) {
                LOG.warning(() -> "Catalog readiness is DOWN: the " + e.getMessage() + " (a connection from "
                        + CatalogDataSource.jndiName() + " and the schema version query); it may be hung");
            }
            return HealthCheckResponse.named("catalog")
                    .down()
                    .withData("error", e.getMessage())
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
        return CatalogSchemaProbe.query(dataSource, QUERY_TIMEOUT_SECONDS);
    }
}
