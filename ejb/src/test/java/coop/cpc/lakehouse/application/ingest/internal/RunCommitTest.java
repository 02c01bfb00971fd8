package coop.cpc.lakehouse.application.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.ingest.RunOutcome;
import coop.cpc.lakehouse.application.observability.LakehouseMetrics;
import coop.cpc.lakehouse.application.source.files.FileDropSettings;
import coop.cpc.lakehouse.application.source.registry.SourceSettingsJson;
import coop.cpc.lakehouse.application.source.sled.SledSettings;
import coop.cpc.lakehouse.application.table.SchemaMismatchException;
import coop.cpc.lakehouse.application.table.StagedSegment;
import coop.cpc.lakehouse.application.table.TableCommits;
import coop.cpc.lakehouse.application.testing.InMemoryCatalog;
import coop.cpc.lakehouse.catalog.asset.AssetType;
import coop.cpc.lakehouse.catalog.asset.Classification;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.job.IngestionJob;
import coop.cpc.lakehouse.catalog.job.JobStatus;
import coop.cpc.lakehouse.catalog.job.SourceType;
import coop.cpc.lakehouse.catalog.run.IngestionRun;
import coop.cpc.lakehouse.catalog.run.RunTrigger;
import coop.cpc.lakehouse.catalog.run.StagedSegmentFile;
import coop.cpc.lakehouse.catalog.snapshot.AssetSnapshot;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotOperation;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What a run's commit leaves in the catalog when it has staged nothing, and that it refuses rows staged before their
 * asset's schema changed.
 */
class RunCommitTest {
    private static final String SHA = "a".repeat(64);

    private final InMemoryCatalog catalog = new InMemoryCatalog();
    private final TableCommits commits = new TableCommits(catalog.assets, catalog.snapshots, catalog.segments);
    private final RunCommit commit =
            new RunCommit(catalog.runs, null, commits, new LakehouseMetrics(new SimpleMeterRegistry()));

    @Test
    void aRunWhoseEveryRecordWasRejectedIsMarkedCommittedSoItsFilesAreNotReadAgain() throws Exception {
        IngestionJob job = fileDropJob();
        catalog.runs.add(new IngestionRun(5, 3, job.getId(), RunTrigger.MANUAL, null));
        catalog.runs.add(new IngestionRun(6, 4, job.getId(), RunTrigger.MANUAL, null));

        RunOutcome outcome = commit.commit(job, 3, 5, 4);

        assertThat(outcome).isEqualTo(new RunOutcome(0, 0, 4));
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
        catalog.runs.add(new IngestionRun(5, 3, job.getId(), RunTrigger.MANUAL, null));

        commit.commit(job, 3, 7, 4);

        assertThat(catalog.runs.committed(3)).isTrue();
    }

    @Test
    void anOverwriteRunThatReadTheWholeSourceButStagedNothingLeavesItsAssetEmpty() throws Exception {
        IngestionJob job = sledJob();
        UUID tree = assetWithOneSegment("tree");
        execution5OfRun3ReadWhole(job, tree);

        RunOutcome outcome = commit.commit(job, 3, 5, 2);

        assertThat(outcome).isEqualTo(new RunOutcome(0, 1, 2));
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

        assertThat(again).isEqualTo(new RunOutcome(0, 0, 0));
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
        DataAsset asset = new DataAsset(
                "plant",
                "tree",
                AssetType.STRUCTURED,
                Classification.INTERNAL,
                "{\"columns\":[{\"name\":\"name\",\"type\":\"int64\",\"nullable\":true}]}");
        catalog.assets.add(asset);
        IngestionJob job = sledJob();
        catalog.runs.add(new IngestionRun(5, 3, job.getId(), RunTrigger.MANUAL, null));
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

    /** Execution 5 of the job's run 3 read the source to its end, and so the asset whole. */
    private void execution5OfRun3ReadWhole(IngestionJob job, UUID asset) {
        catalog.runs.add(new IngestionRun(5, 3, job.getId(), RunTrigger.MANUAL, null));
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
        DataAsset asset = new DataAsset("plant", name, AssetType.SEMI_STRUCTURED, Classification.INTERNAL, "{}");
        catalog.assets.add(asset);
        commits.commitOnCurrent(
                asset.getId(),
                SnapshotOperation.APPEND,
                List.of(),
                List.of(new StagedSegment("plant/" + name + "/1.webm", 10, 100, SHA, "{}")),
                null,
                null);
        return asset.getId();
    }

    private AssetSnapshot currentSnapshot(UUID asset) {
        UUID current = catalog.assets.find(asset).orElseThrow().getCurrentSnapshotId();
        return catalog.snapshots.find(current).orElseThrow();
    }
}
