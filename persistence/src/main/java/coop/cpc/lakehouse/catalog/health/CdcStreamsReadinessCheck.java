package coop.cpc.lakehouse.catalog.health;

import coop.cpc.lakehouse.catalog.datasource.CatalogDataSource;
import coop.cpc.lakehouse.catalog.migration.CatalogMigrations;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Names the CDC streams that should run but whose engine ended with an error (the catalog's {@code last_error}, which
 * the engine host sets when the engine fails and clears when it starts again). It stays UP: a failed stream must not
 * take GraphQL reads, ingestion and the other streams out of service (docs/cdc.md "Monitoring"); the metrics
 * {@code lakehouse_cdc_stream_failed} and {@code lakehouse_cdc_last_commit_age_seconds} are what to alert on. In the
 * EAR's lib/ for the same reason as {@link CatalogReadinessCheck}.
 */
@Readiness
@ApplicationScoped
public class CdcStreamsReadinessCheck implements HealthCheck {
    /** Names listed at most; the count says how many there are in all. */
    static final int MAX_NAMES = 20;

    private static final String FAILED = "SELECT name FROM " + CatalogMigrations.SCHEMA
            + ".cdc_streams WHERE desired_state = 'RUNNING' AND last_error IS NOT NULL ORDER BY name";

    @Override
    public HealthCheckResponse call() {
        String failed;
        try {
            failed = describe(failedStreams(CatalogDataSource.lookup()));
        } catch (SQLException notMigratedYet) {
            // The catalog check reports a catalog that is not ready.
            failed = "unknown until the catalog is ready";
        }
        return HealthCheckResponse.named("cdc-streams")
                .up()
                .withData("failedStreams", failed)
                .build();
    }

    /** The names of the streams that should run and have failed, by name. */
    static List<String> failedStreams(DataSource catalog) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = catalog.getConnection();
                Statement sql = connection.createStatement()) {
            sql.setQueryTimeout(CatalogReadinessCheck.QUERY_TIMEOUT_SECONDS);
            try (ResultSet rows = sql.executeQuery(FAILED)) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        return names;
    }

    /** "none", or the count and the first {@link #MAX_NAMES} names. */
    static String describe(List<String> failed) {
        if (failed.isEmpty()) {
            return "none";
        }
        String names = String.join(", ", failed.subList(0, Math.min(MAX_NAMES, failed.size())));
        return failed.size() + ": " + names + (failed.size() > MAX_NAMES ? ", ..." : "");
    }
}
