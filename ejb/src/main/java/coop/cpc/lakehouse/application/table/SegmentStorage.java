package coop.cpc.lakehouse.application.table;

import coop.cpc.lakehouse.config.LakehouseSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

/** The one {@link SegmentFiles} of the server, rooted at {@code webm_storage_path}, writing only where {@link StorageClaim} allows. */
@ApplicationScoped
public class SegmentStorage {

    @Inject
    LakehouseSettings settings;

    @Inject
    StorageClaim claim;

    @Produces
    SegmentFiles segmentFiles() {
        return new SegmentFiles(settings.webmStoragePath(), claim);
    }
}
