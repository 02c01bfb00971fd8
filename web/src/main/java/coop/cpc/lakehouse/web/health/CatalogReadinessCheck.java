package coop.cpc.lakehouse.web.health;

import coop.cpc.lakehouse.application.startup.CatalogStartup;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the catalog schema is migrated and the catalog database answers. */
@Readiness
@ApplicationScoped
public class CatalogReadinessCheck implements HealthCheck {

    @Resource(lookup = "java:jboss/datasources/LakehouseDS")
    DataSource dataSource;

    @Inject
    CatalogStartup startup;

    @Override
    public HealthCheckResponse call() {
        String version = startup.schemaVersion();
        boolean reachable;
        try (Connection connection = dataSource.getConnection()) {
            reachable = connection.isValid(2);
        } catch (SQLException e) {
            reachable = false;
        }
        return HealthCheckResponse.named("catalog")
                .status(version != null && reachable)
                .withData("schemaVersion", version == null ? "none" : version)
                .withData("databaseReachable", reachable)
                .build();
    }
}
