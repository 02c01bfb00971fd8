package coop.cpc.lakehouse.catalog.health;

import coop.cpc.lakehouse.catalog.datasource.CatalogDataSource;
import coop.cpc.lakehouse.catalog.storage.CatalogIdentity;
import coop.cpc.lakehouse.catalog.storage.StorageMarker;
import coop.cpc.lakehouse.catalog.storage.StorageOwnership;
import coop.cpc.lakehouse.catalog.storage.StorageVerdict;
import coop.cpc.lakehouse.config.InvalidConfigurationException;
import coop.cpc.lakehouse.config.LakehouseSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * DOWN when the segment folder's marker ({@link StorageMarker}) names another catalog or none readable: this server
 * then writes and deletes nothing there, and an operator has to decide whose folder it is. UP otherwise, saying
 * whose the folder is, or that it is not claimed yet (the orphan cleanup deletes nothing in it until it is; the server
 * log says why). The answer names the catalogs' ids, not the folder's path (health is served without credentials, as
 * for {@link StorageReadinessCheck}); the server log names the path. In the EAR's lib/ for the same reason as
 * {@link CatalogReadinessCheck}.
 */
@Readiness
@ApplicationScoped
public class StorageOwnerReadinessCheck implements HealthCheck {
    static final String NAME = "storage-owner";
    private static final String FOLDER = "webm_storage_path";

    @Inject
    Config config;

    @Override
    public HealthCheckResponse call() {
        Path folder;
        try {
            folder = StorageReadinessCheck.folder(LakehouseSettings.lookupIn(config));
        } catch (InvalidConfigurationException e) {
            return response(new Answer(true, "unknown: invalid configuration"));
        }
        UUID catalogId;
        try {
            catalogId = CatalogIdentity.of(CatalogDataSource.lookup(), CatalogReadinessCheck.QUERY_TIMEOUT_SECONDS);
        } catch (SQLException | RuntimeException notReadyYet) {
            // The catalog check reports a catalog that is not ready.
            return response(new Answer(true, "unknown until the catalog is ready"));
        }
        return response(answer(folder, catalogId));
    }

    /** Up or down, and the text under {@code webm_storage_path}. */
    record Answer(boolean up, String text) {}

    /** The answer for {@code folder} and this catalog, from the folder's marker alone. */
    static Answer answer(Path folder, UUID catalogId) {
        if (!Files.isDirectory(folder)) {
            return new Answer(true, "no folder yet (the storage check reports it)");
        }
        Optional<StorageVerdict> marked = StorageOwnership.marked(folder, catalogId);
        if (marked.isEmpty()) {
            return new Answer(
                    true,
                    "not claimed by catalog " + catalogId + " (no marker " + StorageMarker.FILE_NAME
                            + "): the orphan cleanup deletes nothing there until it is (the server log says why)");
        }
        return new Answer(marked.get().writable(), marked.get().message(FOLDER));
    }

    private static HealthCheckResponse response(Answer answer) {
        return HealthCheckResponse.named(NAME)
                .status(answer.up())
                .withData(FOLDER, answer.text())
                .build();
    }
}
