package coop.cpc.lakehouse.catalog.health;

import coop.cpc.lakehouse.catalog.datasource.CatalogDataSource;
import coop.cpc.lakehouse.catalog.migration.CatalogMigrations;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the catalog database answers and Flyway has migrated its schema. It lives in the
 * EAR's lib/ because WildFly registers health checks of the top-level deployment only, not of
 * EAR sub-deployments (WFLY-12835).
 */
@Readiness
@ApplicationScoped
public class CatalogReadinessCheck implements HealthCheck {
    private static final String CURRENT_VERSION = "SELECT version FROM " + CatalogMigrations.SCHEMA
            + ".flyway_schema_history WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1";

    @Override
    public HealthCheckResponse call() {
        // The catalog database, by its configured JNDI name.
        DataSource dataSource = CatalogDataSource.lookup();
        try (Connection connection = dataSource.getConnection();
                Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery(CURRENT_VERSION)) {
            boolean migrated = rows.next();
            return HealthCheckResponse.named("catalog")
                    .status(migrated)
                    .withData("schemaVersion", migrated ? rows.getString(1) : "none")
                    .build();
        } catch (SQLException e) {
            // Before the first migration the history table does not exist yet.
            return HealthCheckResponse.named("catalog")
                    .down()
                    .withData("error", "catalog database not ready")
                    .build();
        }
    }
}
