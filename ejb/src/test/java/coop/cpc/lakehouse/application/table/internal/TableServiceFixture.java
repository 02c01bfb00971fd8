package coop.cpc.lakehouse.application.table.internal;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.asset.AssetSchema;
import coop.cpc.lakehouse.application.asset.ColumnSpec;
import coop.cpc.lakehouse.application.asset.ColumnType;
import coop.cpc.lakehouse.application.asset.PiiCategory;
import coop.cpc.lakehouse.application.asset.SnapshotRemovals;
import coop.cpc.lakehouse.application.observability.LakehouseMetrics;
import coop.cpc.lakehouse.application.table.CommitResult;
import coop.cpc.lakehouse.application.table.CompactionCommit;
import coop.cpc.lakehouse.application.table.CompactionStarts;
import coop.cpc.lakehouse.application.table.IncomingColumn;
import coop.cpc.lakehouse.application.table.ReadsInFlight;
import coop.cpc.lakehouse.application.table.SegmentFiles;
import coop.cpc.lakehouse.application.table.TableCommits;
import coop.cpc.lakehouse.application.table.UncommittedSegments;
import coop.cpc.lakehouse.application.testing.InMemoryCatalog;
import coop.cpc.lakehouse.catalog.asset.AssetType;
import coop.cpc.lakehouse.catalog.asset.Classification;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.config.LakehouseSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A table service over real segment files and an in-memory catalog, with one asset of the given schema. */
final class TableServiceFixture {
    /** The columns of a write to {@link #keyedIdAndName()}'s asset ({@link #keyedAccounts}): id, then name. */
    static final List<IncomingColumn> ID_AND_NAME =
            List.of(new IncomingColumn("id", "int64"), new IncomingColumn("name", "string"));

    final DefaultTableService service;
    final UUID assetId;

    TableServiceFixture(SegmentFiles files, AssetSchema schema) {
        this(files, schema, Map.of());
    }

    /** @param config further {@code data_lakehouse.*} settings */
    TableServiceFixture(SegmentFiles files, AssetSchema schema, Map<String, String> config) {
        InMemoryCatalog catalog = new InMemoryCatalog();
        Map<String, String> settings = new java.util.HashMap<>(config);
        settings.putIfAbsent("data_lakehouse.compaction_change_segments", "100000");
        service = wired(catalog, files, settings);
        assetId = accounts(catalog, schema).getId();
    }

    /** Runs just before a compaction's commit, given what it commits. */
    @FunctionalInterface
    interface BeforeCompactionCommit {
        void run(CompactionCommit compaction) throws Exception;
    }

    /**
     * Runs {@code hook} when the service's next compaction has written its outputs, just before its commit (a
     * racing writer, a cleanup), then commits it; the service's own commits are back in place for the hook.
     */
    void beforeNextCompactionCommit(BeforeCompactionCommit hook) {
        TableCommits commits = service.commits;
        service.commits = new TableCommits() {
            @Override
            public CommitResult commitCompaction(UUID assetId, CompactionCommit compaction, String schemaJson)
                    throws coop.cpc.lakehouse.application.table.CommitConflictException,
                            coop.cpc.lakehouse.application.asset.UnknownAssetException {
                service.commits = commits;
                try {
                    hook.run(compaction);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return commits.recordCompaction(assetId, compaction, schemaJson);
            }
        };
    }

    /** An asset {@code crm.accounts} of {@link #keyedIdAndName()}, in the catalog. */
    static DataAsset keyedAccounts(InMemoryCatalog catalog) throws InvalidInputException {
        return accounts(catalog, keyedIdAndName());
    }

    /** Keyed by {@code id int64}, with a nullable {@code name string}. */
    static AssetSchema keyedIdAndName() throws InvalidInputException {
        return AssetSchema.of(List.of(
                new ColumnSpec("id", ColumnType.parse("id", "int64"), false, true, PiiCategory.NONE),
                new ColumnSpec("name", ColumnType.parse("name", "string"), true, false, PiiCategory.NONE)));
    }

    /**
     * {@link #keyedAccounts} with the rows (1, one) and (2, two) appended by {@code service} in two commits: two
     * snapshots, two segment files.
     */
    static DataAsset keyedAccountsOfTwoAppends(InMemoryCatalog catalog, DefaultTableService service) throws Exception {
        DataAsset asset = keyedAccounts(catalog);
        service.appendText(asset.getId(), ID_AND_NAME, List.of(List.of("1", "one")));
        service.appendText(asset.getId(), ID_AND_NAME, List.of(List.of("2", "two")));
        return asset;
    }

    /** Segment files under {@code root} that run {@code beforeResolve} each time a file is resolved. */
    static SegmentFiles resolving(Path root, Runnable beforeResolve) {
        return new SegmentFiles(root) {
            @Override
            public Path resolve(String relativePath) {
                beforeResolve.run();
                return super.resolve(relativePath);
            }
        };
    }

    /** An asset {@code crm.accounts} of the given schema, keyed as the schema says, in the catalog. */
    static DataAsset accounts(InMemoryCatalog catalog, AssetSchema schema) {
        DataAsset asset =
                new DataAsset("crm", "accounts", AssetType.STRUCTURED, Classification.INTERNAL, schema.toJson());
        asset.setPrimaryKey(schema.primaryKey());
        catalog.assets.add(asset);
        return asset;
    }

    /** {@link #wired} with a compaction trigger no test's writes reach (100000 change segments). */
    static DefaultTableService wiredWithoutCompaction(InMemoryCatalog catalog, SegmentFiles files) {
        return wired(catalog, files, Map.of("data_lakehouse.compaction_change_segments", "100000"));
    }

    /**
     * A table service over {@code catalog} and {@code files} with its caches (a small row-group cache, so entries
     * are evicted while tests read) and the given {@code data_lakehouse.*} settings; no maintenance jobs.
     */
    static DefaultTableService wired(InMemoryCatalog catalog, SegmentFiles files, Map<String, String> config) {
        DefaultTableService service = new DefaultTableService();
        service.commits = new TableCommits(catalog.assets, catalog.snapshots, catalog.segments, files);
        service.uncommitted = new UncommittedSegments();
        service.reads = new ReadsInFlight();
        service.compactionStarts = new CompactionStarts();
        service.assets = catalog.assets;
        service.snapshots = catalog.snapshots;
        service.segments = catalog.segments;
        service.files = files;
        service.indexes = new MergeIndexCache();
        service.changeSegments = new ChangeSegmentCounts();
        service.rowGroups = new RowGroupCache(256 * 1024);
        service.liveSegments = new LiveSegmentCache();
        service.removals = new SnapshotRemovals();
        service.metrics = new LakehouseMetrics(new SimpleMeterRegistry());
        service.settings = LakehouseSettings.from(name -> Optional.ofNullable(config.get(name)));
        return service;
    }
}
