package coop.cpc.lakehouse.catalog.health;

import coop.cpc.lakehouse.config.LakehouseKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the segment folder ({@code webm_storage_path}) is a folder the server can create and delete
 * files in: every write and read of table data needs it. In the EAR's lib/ for the same reason as
 * {@link CatalogReadinessCheck}. The answer names no path (health is served without credentials).
 */
@Readiness
@ApplicationScoped
public class StorageReadinessCheck implements HealthCheck {

    @Inject
    Config config;

    @Override
    public HealthCheckResponse call() {
        Path folder = Path.of(config.getOptionalValue(LakehouseKey.WEBM_STORAGE_PATH.propertyName(), String.class)
                .orElse(LakehouseKey.WEBM_STORAGE_PATH.defaultValue().orElseThrow()));
        String problem = problem(folder);
        return HealthCheckResponse.named("storage")
                .status(problem == null)
                .withData("webm_storage_path", problem == null ? "writable" : problem)
                .build();
    }

    /** @return what is wrong with the folder, or null when a file can be created and deleted in it */
    static String problem(Path folder) {
        if (!Files.exists(folder)) {
            return "missing";
        }
        if (!Files.isDirectory(folder)) {
            return "not a folder";
        }
        try {
            Path probe = Files.createTempFile(folder, ".readiness-", ".probe");
            Files.delete(probe);
            return null;
        } catch (IOException | SecurityException e) {
            return "not writable";
        }
    }
}
