package coop.cpc.lakehouse.application.table;

import coop.cpc.lakehouse.catalog.run.IngestionRunRepository;
import coop.cpc.lakehouse.catalog.segment.SegmentRepository;
import coop.cpc.lakehouse.config.LakehouseSettings;
import java.nio.file.Path;
import java.util.Optional;

/** An orphan cleanup outside a container, for tests of other packages. */
public final class OrphanCleanups {
    private OrphanCleanups() {}

    public static OrphanSegmentCleanup over(
            Path root, SegmentRepository segments, IngestionRunRepository runs, UncommittedSegments uncommitted) {
        OrphanSegmentCleanup cleanup = new OrphanSegmentCleanup();
        cleanup.settings = LakehouseSettings.from(key ->
                key.equals("data_lakehouse.webm_storage_path") ? Optional.of(root.toString()) : Optional.empty());
        cleanup.segments = segments;
        cleanup.runs = runs;
        cleanup.files = new SegmentFiles(root);
        cleanup.uncommitted = uncommitted;
        return cleanup;
    }
}
