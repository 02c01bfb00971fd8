package coop.cpc.lakehouse.application.table;

import coop.cpc.lakehouse.catalog.datasource.CatalogDataSource;
import coop.cpc.lakehouse.catalog.storage.CatalogIdentity;
import coop.cpc.lakehouse.catalog.storage.StorageMarker;
import coop.cpc.lakehouse.catalog.storage.StorageOwnership;
import coop.cpc.lakehouse.catalog.storage.StorageVerdict;
import coop.cpc.lakehouse.config.LakehouseSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Whether the segment folder ({@code webm_storage_path}) is this catalog's, by its marker file
 * ({@link StorageMarker}, rules in {@link StorageOwnership}): checked (and claimed when the rules allow) at start-up
 * and before every orphan cleanup, and asked before every segment write and delete ({@link #requireWritable()}),
 * which are refused when the marker names another catalog or none readable. Reads are never refused: they change
 * nothing, and the files this catalog names may well be there.
 */
@ApplicationScoped
public class StorageClaim implements StorageGate {
    private static final Logger LOG = Logger.getLogger(StorageClaim.class.getName());
    private static final int QUERY_TIMEOUT_SECONDS = 30;

    @Inject
    LakehouseSettings settings;

    /** Read once: a catalog's id never changes. */
    private volatile UUID catalogId;

    public StorageClaim() {}

    /** The claim of catalog {@code catalogId} on the folder of {@code settings} (tests). */
    StorageClaim(UUID catalogId, LakehouseSettings settings) {
        this.catalogId = catalogId;
        this.settings = settings;
    }

    /**
     * The verdict on {@code folder} (the storage folder, an existing one), claiming it when the rules allow; says in
     * the server log (naming the folder) why it is not this catalog's.
     */
    public StorageVerdict check(Path folder, StorageOwnership.UnknownFiles unknownFiles) throws IOException {
        boolean hadMarker = StorageOwnership.marked(folder, catalogId()).isPresent();
        StorageVerdict verdict = StorageOwnership.check(folder, catalogId(), unknownFiles);
        if (!verdict.owned()) {
            LOG.warning(() -> verdict.message("webm_storage_path " + folder));
        } else if (!hadMarker) {
            LOG.info(() -> "Claimed " + folder + " as the segment folder of catalog " + verdict.catalogId()
                    + " (marker " + StorageMarker.FILE_NAME + ")");
        }
        return verdict;
    }

    @Override
    public void requireWritable() throws IOException {
        Path folder = settings.webmStoragePath();
        Optional<StorageVerdict> marked = StorageOwnership.marked(folder, catalogId());
        if (marked.isPresent() && !marked.get().writable()) {
            LOG.warning(
                    () -> "Refused a segment write or delete: " + marked.get().message("webm_storage_path " + folder));
            throw new SegmentFolderRefusedException(marked.get());
        }
    }

    private UUID catalogId() throws IOException {
        UUID id = catalogId;
        if (id == null) {
            try {
                id = CatalogIdentity.of(CatalogDataSource.lookup(), QUERY_TIMEOUT_SECONDS);
            } catch (SQLException e) {
                throw new IOException("Cannot read the catalog's id: " + e.getMessage(), e);
            }
            catalogId = id;
        }
        return id;
    }
}
