package coop.cpc.lakehouse.application.table;

import coop.cpc.lakehouse.catalog.run.IngestionRunRepository;
import coop.cpc.lakehouse.catalog.segment.SegmentRepository;
import coop.cpc.lakehouse.catalog.storage.StorageMarker;
import coop.cpc.lakehouse.config.LakehouseSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/** An orphan cleanup outside a container, for tests of other packages. */
public final class OrphanCleanups {
    /** The catalog of these tests' storage folders. */
    public static final UUID CATALOG = UUID.fromString("7e0d3c1a-5b2f-4a6e-9c8d-1f2e3a4b5c6d");

    private OrphanCleanups() {}

    /** The cleanup of a folder marked as {@link #CATALOG}'s (as a server claims its new folder at start-up). */
    public static OrphanSegmentCleanup over(
            Path root, SegmentRepository segments, IngestionRunRepository runs, UncommittedSegments uncommitted) {
        return over(root, segments, runs, uncommitted, new ReadsInFlight());
    }

    /** {@link #over} that asks {@code reads} which expired files reads of this server still use. */
    public static OrphanSegmentCleanup over(
            Path root,
            SegmentRepository segments,
            IngestionRunRepository runs,
            UncommittedSegments uncommitted,
            ReadsInFlight reads) {
        try {
            StorageMarker.claim(root, CATALOG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return unclaimed(root, segments, runs, uncommitted, reads);
    }

    /**
     * The cleanup of catalog {@link #CATALOG} over a folder as it is (marked or not), asking {@code reads} which
     * expired files reads of this server still use.
     */
    public static OrphanSegmentCleanup unclaimed(
            Path root,
            SegmentRepository segments,
            IngestionRunRepository runs,
            UncommittedSegments uncommitted,
            ReadsInFlight reads) {
        OrphanSegmentCleanup cleanup = new OrphanSegmentCleanup();
        cleanup.settings = settings(root);
        cleanup.claim = new StorageClaim(CATALOG, cleanup.settings);
        cleanup.files = new SegmentFiles(root, cleanup.claim);
        cleanup.unknownFiles = unknownFiles(segments, runs, uncommitted, reads);
        return cleanup;
    }

    /**
     * The catalog's answer about which files nothing names, over repositories that run each query on their own
     * (outside a container), no writer holding a file and no read under way.
     */
    public static UnknownSegmentFiles unknownFiles(SegmentRepository segments, IngestionRunRepository runs) {
        return unknownFiles(segments, runs, new UncommittedSegments(), new ReadsInFlight());
    }

    /** The catalog's answer about which files nothing names, with the writers' holds and the reads in flight. */
    public static UnknownSegmentFiles unknownFiles(
            SegmentRepository segments,
            IngestionRunRepository runs,
            UncommittedSegments uncommitted,
            ReadsInFlight reads) {
        UnknownSegmentFiles unknownFiles = new UnknownSegmentFiles();
        unknownFiles.uncommitted = uncommitted;
        unknownFiles.runs = runs;
        unknownFiles.segments = segments;
        unknownFiles.reads = reads;
        return unknownFiles;
    }

    static LakehouseSettings settings(Path root) {
        return LakehouseSettings.from(key ->
                key.equals("data_lakehouse.webm_storage_path") ? Optional.of(root.toString()) : Optional.empty());
    }
}
