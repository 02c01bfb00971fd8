package coop.cpc.lakehouse.application.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.asset.AssetSchema;
import coop.cpc.lakehouse.application.asset.ColumnSpec;
import coop.cpc.lakehouse.application.asset.ColumnType;
import coop.cpc.lakehouse.application.asset.PiiCategory;
import coop.cpc.lakehouse.application.ingest.RunOutcome;
import coop.cpc.lakehouse.application.observability.LakehouseMetrics;
import coop.cpc.lakehouse.application.source.files.FileDropSettings;
import coop.cpc.lakehouse.application.source.registry.SourceSettingsJson;
import coop.cpc.lakehouse.application.source.sled.SledSettings;
import coop.cpc.lakehouse.application.table.SchemaMismatchException;
import coop.cpc.lakehouse.application.table.SegmentFiles;
import coop.cpc.lakehouse.application.table.StagedSegment;
import coop.cpc.lakehouse.application.table.TableCommits;
import coop.cpc.lakehouse.application.table.internal.ChangeFeed;
import coop.cpc.lakehouse.application.table.internal.MergeIndex;
import coop.cpc.lakehouse.application.table.internal.MergeOnRead;
import coop.cpc.lakehouse.application.testing.InMemoryCatalog;
import coop.cpc.lakehouse.catalog.asset.AssetType;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.job.IngestionJob;
import coop.cpc.lakehouse.catalog.job.JobStatus;
import coop.cpc.lakehouse.catalog.job.SourceType;
import coop.cpc.lakehouse.catalog.lineage.LineageRepository;
import coop.cpc.lakehouse.catalog.run.IngestionRun;
import coop.cpc.lakehouse.catalog.run.RunTrigger;
import coop.cpc.lakehouse.catalog.run.StagedSegmentFile;
import coop.cpc.lakehouse.catalog.segment.WebmSegment;
import coop.cpc.lakehouse.catalog.snapshot.AssetSnapshot;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotOperation;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.Schema;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a run's commit leaves in the catalog: with nothing staged, with keys its chunks repeat, and that it refuses
 * rows staged before their asset's schema changed.
 */
class RunCommitTest {
    private static final String SHA = "a".repeat(64);

    @TempDir
    static Path root;

    private final InMemoryCatalog catalog = new InMemoryCatalog();
    private final TableCommits commits = new TableCommits(catalog.assets, catalog.snapshots, catalog.segments);
    private final SegmentFiles storage = new SegmentFiles(root);
    private final RunCommit commit =
            new RunCommit(catalog.runs, lineage(), commits, storage, new LakehouseMetrics(new SimpleMeterRegistry()));

    @Test
    void aRunWhoseEveryRecordWasRejectedIsMarkedCommittedSoItsFilesAreNotReadAgain() throws Exception {
        IngestionJob job = fileDropJob();
        startedByHand(job, 5, 3);
        startedByHand(job, 6, 4);

        RunOutcome outcome = commit.commit(job, 3, 5, 4);

        assertThat(outcome).isEqualTo(new RunOutcome(0, 0, 4, 5, List.of()));
        assertThat(catalog.snapshotRows).isEmpty();
        assertThat(catalog.runs.committed(3)).isTrue();
        assertThat(catalog.runs.committed(4)).as("a run that has not committed").isFalse();
        assertThat(job.getStatus()).isEqualTo(JobStatus.SUCCEEDED);
    }

    @Test
    void aRestartCommittingBeforeItsRunRowIsVisibleMarksItsJobInstanceCommitted() throws Exception {
        IngestionJob job = fileDropJob();
        // Execution 5 of run 3 failed after its read; its restart, execution 7, went straight to the commit step
        // before the transaction that records execution 7 committed.
        startedByHand(job, 5, 3);

        commit.commit(job, 3, 7, 4);

        assertThat(catalog.runs.committed(3)).isTrue();
    }

    @Test
    void anOverwriteRunThatReadTheWholeSourceButStagedNothingLeavesItsAssetEmpty() throws Exception {
        IngestionJob job = sledJob();
        UUID tree = assetWithOneSegment("tree");
        execution5OfRun3ReadWhole(job, tree);

        RunOutcome outcome = commit.commit(job, 3, 5, 2);

        assertThat(outcome).isEqualTo(new RunOutcome(0, 1, 2, 5, List.of(tree)));
        // The commit's audit entry names the asset it wrote (emptied here) and the execution, not only the job.
        assertThat(outcome.auditDetails())
                .containsEntry("resourceIds", List.of(tree.toString()))
                .containsEntry("executionId", 5L)
                .containsEntry("rowsAdded", 0L);
        AssetSnapshot current = currentSnapshot(tree);
        assertThat(current.getOperation()).isEqualTo(SnapshotOperation.OVERWRITE);
        assertThat(current.getSourceExecutionId()).isEqualTo(5L);
        assertThat(catalog.segments.findLiveAt(tree, current.getId())).isEmpty();
        assertThat(catalog.runs.readWhole(3)).as("forgotten by the commit").isEmpty();
    }

    @Test
    void aCommitRunAgainAfterItCommittedEmptiesNothingMore() throws Exception {
        IngestionJob job = sledJob();
        UUID tree = assetWithOneSegment("tree");
        execution5OfRun3ReadWhole(job, tree);
        commit.commit(job, 3, 5, 0);
        int snapshots = catalog.snapshotRows.size();
        catalog.runs.add(new IngestionRun(6, 3, job.getId(), RunTrigger.RESTART, 5L));

        RunOutcome again = commit.commit(job, 3, 6, 0);

        assertThat(again).isEqualTo(new RunOutcome(0, 0, 0, 6, List.of()));
        assertThat(catalog.snapshotRows).hasSize(snapshots);
    }

    @Test
    void anAppendRunThatReadToTheEndButStagedNothingKeepsTheRowsOfEarlierRuns() throws Exception {
        UUID visits = assetWithOneSegment("visits");
        IngestionJob job = new IngestionJob(
                "visits",
                SourceType.FILE_DROP,
                SourceSettingsJson.write(new FileDropSettings("/srv/drops", "*.csv", null, null)),
                visits,
                "test");
        execution5OfRun3ReadWhole(job, visits);
        UUID before = catalog.assets.find(visits).orElseThrow().getCurrentSnapshotId();

        commit.commit(job, 3, 5, 0);

        assertThat(catalog.assets.find(visits).orElseThrow().getCurrentSnapshotId())
                .isEqualTo(before);
        assertThat(catalog.segments.findLiveAt(visits, before)).hasSize(1);
    }

    @Test
    void aRunWhoseRowsWereStagedBeforeTheirColumnChangedTypeIsRefusedAndCommitsNothing() {
        DataAsset asset = catalog.addAsset(
                "plant",
                "tree",
                AssetType.STRUCTURED,
                "{\"columns\":[{\"name\":\"name\",\"type\":\"int64\",\"nullable\":true}]}");
        IngestionJob job = sledJob();
        startedByHand(job, 5, 3);
        catalog.runs.stage(new StagedSegmentFile(
                "plant/tree/data/1.webm",
                3,
                job.getId(),
                asset.getId(),
                "[]",
                1,
                100,
                SHA,
                "{\"name\":{\"type\":\"string\",\"nullCount\":0}}",
                "{}"));

        assertThatThrownBy(() -> commit.commit(job, 3, 5, 0))
                .isInstanceOf(SchemaMismatchException.class)
                .hasMessageStartingWith("column name of asset plant.tree is int64, but rows of segment "
                        + "plant/tree/data/1.webm store it as string");
        assertThat(asset.getCurrentSnapshotId()).isNull();
    }

    /** Execution {@code execution} of the job's run {@code run}, started by hand, is under way. */
    private void startedByHand(IngestionJob job, long execution, long run) {
        catalog.runs.add(new IngestionRun(execution, run, job.getId(), RunTrigger.MANUAL, null));
    }

    /** The job's run 2 (execution 4) committed one row, Z, before the run the test commits. */
    private void anEarlierRunCommitted(IngestionJob job, UUID asset) throws Exception {
        startedByHand(job, 4, 2);
        stage(job, 2, asset, row("Z", "an earlier extract"));
        commit.commit(job, 2, 4, 0);
    }

    /** Execution 5 of the job's run 3 read the source to its end, and so the asset whole. */
    private void execution5OfRun3ReadWhole(IngestionJob job, UUID asset) {
        startedByHand(job, 5, 3);
        catalog.runs.readWhole(3, job.getId(), 5, List.of(asset));
    }

    private static IngestionJob fileDropJob() {
        return new IngestionJob(
                "visits",
                SourceType.FILE_DROP,
                SourceSettingsJson.write(new FileDropSettings("/srv/drops", "*.csv", null, null)),
                UUID.randomUUID(),
                "test");
    }

    private static IngestionJob sledJob() {
        return new IngestionJob(
                "sled",
                SourceType.SLED,
                SourceSettingsJson.write(new SledSettings("/srv/sled", List.of(), "plant", "kv", null, null)),
                null,
                "test");
    }

    /** An asset whose current snapshot holds one segment of 10 rows. */
    private UUID assetWithOneSegment(String name) throws Exception {
        DataAsset asset = catalog.addAsset("plant", name, AssetType.SEMI_STRUCTURED, "{}");
        commits.commitOnCurrent(
                asset.getId(),
                SnapshotOperation.APPEND,
                List.of(),
                List.of(new StagedSegment("plant/" + name + "/1.webm", 10, 100, SHA, "{}")),
                null,
                null,
                null);
        return asset.getId();
    }

    private AssetSnapshot currentSnapshot(UUID asset) {
        UUID current = catalog.assets.find(asset).orElseThrow().getCurrentSnapshotId();
        return catalog.snapshots.find(current).orElseThrow();
    }

    @Test
    void aKeyALaterChunkOfTheRunRepeatsHasOnlyItsLaterRowCurrent() throws Exception {
        UUID patients = keyedAsset("patients");
        IngestionJob job = fileDropJob(patients);
        startedByHand(job, 5, 3);
        stage(job, patients, row("P-1", "02139"), row("P-2", "02141"));
        stage(job, patients, row("P-1", "99999"));

        RunOutcome outcome = commit.commit(job, 3, 5, 0);

        assertThat(currentRows(patients)).containsExactlyInAnyOrder(row("P-1", "99999"), row("P-2", "02141"));
        assertThat(outcome.snapshots())
                .as("the repeating chunk commits after the first")
                .isEqualTo(2);
        assertThat(outcome.rows()).isEqualTo(3);
        assertThat(operations(patients)).containsExactly(SnapshotOperation.APPEND, SnapshotOperation.APPEND);
        assertThat(changes(patients))
                .as("the change feed sees the repeat as an update, as an upsert's")
                .containsExactly("INSERT P-1 02139", "INSERT P-2 02141", "UPDATE P-1 99999");
    }

    @Test
    void anOverwriteRunWhosePagesRepeatAKeyReplacesTheAssetOnceAndKeepsTheLaterRow() throws Exception {
        UUID items = keyedAsset("items");
        IngestionJob job = sledJob();
        anEarlierRunCommitted(job, items);
        startedByHand(job, 5, 3);
        stage(job, 3, items, row("A", "page 1"), row("B", "page 1"));
        stage(job, 3, items, row("C", "page 2"), row("A", "page 2"));

        commit.commit(job, 3, 5, 0);

        assertThat(currentRows(items))
                .containsExactlyInAnyOrder(row("A", "page 2"), row("B", "page 1"), row("C", "page 2"));
        assertThat(operations(items))
                .containsExactly(SnapshotOperation.OVERWRITE, SnapshotOperation.OVERWRITE, SnapshotOperation.APPEND);
    }

    @Test
    void theSnapshotsOfOneRunShareTheirCommitTimeSoAReadAsOfItSeesTheWholeRun() throws Exception {
        UUID items = keyedAsset("items");
        IngestionJob job = sledJob();
        startedByHand(job, 5, 3);
        stage(job, 3, items, row("A", "page 1"), row("B", "page 1"));
        stage(job, 3, items, row("A", "page 2"));

        commit.commit(job, 3, 5, 0);

        List<AssetSnapshot> run = catalog.snapshots.findByAsset(items);
        assertThat(run).hasSize(2);
        assertThat(run.get(1).getCommittedAt()).isEqualTo(run.get(0).getCommittedAt());
        assertThat(catalog.snapshots.findAsOf(items, run.get(0).getCommittedAt()))
                .as("as of the run's time: its last snapshot, never its first group alone")
                .hasValueSatisfying(
                        s -> assertThat(s.getId()).isEqualTo(run.get(1).getId()));
    }

    @Test
    void aLaterRunCommitsAtItsOwnTime() throws Exception {
        UUID items = keyedAsset("items");
        IngestionJob job = sledJob();
        anEarlierRunCommitted(job, items);
        Thread.sleep(2);
        startedByHand(job, 5, 3);
        stage(job, 3, items, row("A", "page 1"));

        commit.commit(job, 3, 5, 0);

        List<AssetSnapshot> snapshots = catalog.snapshots.findByAsset(items);
        assertThat(snapshots.get(1).getCommittedAt()).isAfter(snapshots.get(0).getCommittedAt());
    }

    @Test
    void chunksThatRepeatNoKeyCommitOneSnapshot() throws Exception {
        UUID patients = keyedAsset("patients");
        IngestionJob job = fileDropJob(patients);
        startedByHand(job, 5, 3);
        stage(job, patients, row("P-1", "02139"));
        stage(job, patients, row("P-2", "02141"));

        RunOutcome outcome = commit.commit(job, 3, 5, 0);

        assertThat(outcome.snapshots()).isEqualTo(1);
        assertThat(currentRows(patients)).hasSize(2);
        // Before, the commit's audit entry (WRITE ingestion_run) named only the job: not the asset it wrote into (a
        // PHI asset, say), nor its rows or execution.
        assertThat(outcome.auditDetails())
                .containsEntry("resourceIds", List.of(patients.toString()))
                .containsEntry("rowsAdded", 2L)
                .containsEntry("executionId", 5L);
    }

    private static Object[] row(String key, String zip) {
        return new Object[] {key, zip};
    }

    /** An empty asset keyed by {@code user_id}. */
    private UUID keyedAsset(String name) throws Exception {
        AssetSchema schema = new AssetSchema(List.of(
                new ColumnSpec("user_id", new ColumnType("string"), false, true, PiiCategory.NONE),
                new ColumnSpec("zip", new ColumnType("string"), true, false, PiiCategory.NONE)));
        DataAsset asset = catalog.addAsset("health", name, AssetType.STRUCTURED, schema.toJson());
        return asset.getId();
    }

    private void stage(IngestionJob job, UUID asset, Object[]... rows) throws Exception {
        stage(job, 3, asset, rows);
    }

    /** Stages a chunk's segment of {@code rows} for run (job instance) {@code run}. */
    private void stage(IngestionJob job, long run, UUID asset, Object[]... rows) throws Exception {
        DataAsset target = catalog.assets.find(asset).orElseThrow();
        Schema schema = AssetSchema.fromJson(target.getSchema()).toColumnar();
        StagedSegment segment = storage.write("health", target.getName(), schema, Arrays.asList(rows));
        catalog.runs.stage(new StagedSegmentFile(
                segment.path(),
                run,
                job.getId(),
                asset,
                "[]",
                segment.rowCount(),
                segment.byteSize(),
                segment.sha256(),
                segment.columnStatisticsJson(),
                "{}"));
    }

    /** The asset's current rows, read as a query reads them (merge-on-read over the current snapshot). */
    private List<Object[]> currentRows(UUID asset) {
        DataAsset target = catalog.assets.find(asset).orElseThrow();
        Schema schema = AssetSchema.fromJson(target.getSchema()).toColumnar();
        List<Column> key = List.of(schema.column(0));
        List<WebmSegment> live = catalog.segments.findLiveAt(asset, target.getCurrentSnapshotId());
        List<Object[]> rows = new ArrayList<>();
        new MergeOnRead(storage, live, key, MergeIndex.build(storage, live, key))
                .scan(schema.columns(), List.of(), null, (row, s, g, r) -> rows.add(row));
        return rows;
    }

    /** The asset's change feed from its beginning, each change as "KIND key zip-after". */
    private List<String> changes(UUID asset) throws Exception {
        Schema schema = AssetSchema.fromJson(
                        catalog.assets.find(asset).orElseThrow().getSchema())
                .toColumnar();
        return new ChangeFeed(storage, schema.columns(), List.of(schema.column(0)))
                        .changes(
                                catalog.snapshots.findByAsset(asset),
                                List.of(),
                                catalog.segments.findByAsset(asset),
                                0,
                                100,
                                ChangeFeed.MAX_CHANGES)
                        .stream()
                        .map(c -> c.kind() + " " + c.after()[0] + " " + c.after()[1])
                        .toList();
    }

    private List<SnapshotOperation> operations(UUID asset) {
        return catalog.snapshotRows.values().stream()
                .filter(s -> s.getAssetId().equals(asset))
                .map(AssetSnapshot::getOperation)
                .toList();
    }

    private static IngestionJob fileDropJob(UUID target) {
        return new IngestionJob(
                "patients",
                SourceType.FILE_DROP,
                SourceSettingsJson.write(new FileDropSettings("/srv/drops", "*.csv", null, null)),
                target,
                "test");
    }

    private static LineageRepository lineage() {
        return (LineageRepository) Proxy.newProxyInstance(
                LineageRepository.class.getClassLoader(), new Class<?>[] {LineageRepository.class}, (p, m, a) -> null);
    }
}
