package coop.cpc.lakehouse.catalog.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.catalog.JpaCatalogFixture;
import coop.cpc.lakehouse.catalog.asset.AssetType;
import coop.cpc.lakehouse.catalog.asset.Classification;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.job.IngestionJob;
import coop.cpc.lakehouse.catalog.job.SourceType;
import coop.cpc.lakehouse.catalog.run.IngestionRun;
import coop.cpc.lakehouse.catalog.run.RunTrigger;
import coop.cpc.lakehouse.catalog.run.StagedSegmentFile;
import coop.cpc.lakehouse.catalog.snapshot.AssetSnapshot;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotOperation;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JpaIngestionRunRepositoryTest extends JpaCatalogFixture {
    private static final String SHA = "a".repeat(64);

    private DataAsset asset;
    private IngestionJob job;

    @BeforeEach
    void jobAndAsset() {
        jpa.truncateAll();
        asset = new DataAsset("plant", "readings", AssetType.TIME_SERIES, Classification.INTERNAL, "{\"columns\": []}");
        job = new IngestionJob("readings", SourceType.POSTGRES_TABLE, "{}", asset.getId(), "test");
        jpa.inTransaction(em -> {
            new JpaAssetRepository(em).add(asset);
            new JpaIngestionJobRepository(em).add(job);
            return null;
        });
    }

    @Test
    void listsAJobsExecutionsNewestFirstAndARunsExecutionsOldestFirst() {
        jpa.inTransaction(em -> {
            JpaIngestionRunRepository runs = new JpaIngestionRunRepository(em);
            runs.add(new IngestionRun(11, 1, job.getId(), RunTrigger.MANUAL, null));
            runs.add(new IngestionRun(12, 1, job.getId(), RunTrigger.RESTART, 11L));
            runs.add(new IngestionRun(13, 2, job.getId(), RunTrigger.SCHEDULE, null));
            return null;
        });

        List<Long> newestFirst =
                jpa.inTransaction(em -> new JpaIngestionRunRepository(em).findByJob(job.getId(), 10)).stream()
                        .map(IngestionRun::getExecutionId)
                        .toList();
        List<Long> ofRun = jpa.inTransaction(em -> new JpaIngestionRunRepository(em).findByInstance(1)).stream()
                .map(IngestionRun::getExecutionId)
                .toList();
        IngestionRun restart = jpa.inTransaction(
                em -> new JpaIngestionRunRepository(em).find(12).orElseThrow());

        assertThat(newestFirst).containsExactly(13L, 12L, 11L);
        assertThat(ofRun).containsExactly(11L, 12L);
        assertThat(restart.getRestartOf()).isEqualTo(11L);
        assertThat(restart.getTrigger()).isEqualTo(RunTrigger.RESTART);
    }

    @Test
    void aRunWhoseExecutionWroteASnapshotCountsAsCommitted() {
        jpa.inTransaction(em -> {
            JpaIngestionRunRepository runs = new JpaIngestionRunRepository(em);
            runs.add(new IngestionRun(31, 5, job.getId(), RunTrigger.MANUAL, null));
            runs.add(new IngestionRun(32, 5, job.getId(), RunTrigger.RESTART, 31L));
            runs.add(new IngestionRun(33, 6, job.getId(), RunTrigger.MANUAL, null));
            new JpaSnapshotRepository(em)
                    .add(AssetSnapshot.first(asset.getId(), SnapshotOperation.APPEND, "{}", job.getId(), 32L));
            return null;
        });

        boolean restartedRunCommitted = jpa.inTransaction(em -> new JpaIngestionRunRepository(em).committed(5));
        boolean otherRunCommitted = jpa.inTransaction(em -> new JpaIngestionRunRepository(em).committed(6));

        assertThat(restartedRunCommitted).isTrue();
        assertThat(otherRunCommitted).isFalse();
    }

    @Test
    void aRunThatCommittedNoRowsCountsAsCommitted() {
        jpa.inTransaction(em -> {
            JpaIngestionRunRepository runs = new JpaIngestionRunRepository(em);
            runs.add(new IngestionRun(41, 7, job.getId(), RunTrigger.MANUAL, null));
            runs.add(new IngestionRun(42, 8, job.getId(), RunTrigger.MANUAL, null));
            return null;
        });
        jpa.inTransaction(em -> {
            new JpaIngestionRunRepository(em).find(41).orElseThrow().committed(Instant.now());
            return null;
        });

        boolean committedWithoutRows = jpa.inTransaction(em -> new JpaIngestionRunRepository(em).committed(7));
        boolean neverCommitted = jpa.inTransaction(em -> new JpaIngestionRunRepository(em).committed(8));

        assertThat(committedWithoutRows).isTrue();
        assertThat(neverCommitted).isFalse();
    }

    @Test
    void keepsTheAssetsARunReadWholeUntilItsCommitForgetsThem() {
        DataAsset tree = new DataAsset("plant", "tree", AssetType.SEMI_STRUCTURED, Classification.INTERNAL, "{}");
        jpa.inTransaction(em -> {
            new JpaAssetRepository(em).add(tree);
            JpaIngestionRunRepository runs = new JpaIngestionRunRepository(em);
            runs.readWhole(9, job.getId(), 51, List.of(asset.getId(), tree.getId(), tree.getId()));
            runs.readWhole(10, job.getId(), 52, List.of(tree.getId()));
            return null;
        });
        jpa.inTransaction(em -> {
            new JpaIngestionRunRepository(em).readWhole(9, job.getId(), 53, List.of(tree.getId()));
            return null;
        });

        List<UUID> readWhole = jpa.inTransaction(em -> new JpaIngestionRunRepository(em).readWhole(9));
        jpa.inTransaction(em -> {
            new JpaIngestionRunRepository(em).forgetReadWhole(9);
            return null;
        });
        List<UUID> afterCommit = jpa.inTransaction(em -> new JpaIngestionRunRepository(em).readWhole(9));
        List<UUID> otherRun = jpa.inTransaction(em -> new JpaIngestionRunRepository(em).readWhole(10));

        assertThat(readWhole).containsExactlyInAnyOrder(asset.getId(), tree.getId());
        assertThat(afterCommit).isEmpty();
        assertThat(otherRun).containsExactly(tree.getId());
    }

    @Test
    void searchesExecutionsOfEveryJobByJobIdTimeAndKeyset() {
        IngestionJob other = new IngestionJob("other", SourceType.POSTGRES_TABLE, "{}", asset.getId(), "test");
        jpa.inTransaction(em -> {
            new JpaIngestionJobRepository(em).add(other);
            JpaIngestionRunRepository runs = new JpaIngestionRunRepository(em);
            runs.add(new IngestionRun(21, 1, job.getId(), RunTrigger.MANUAL, null));
            runs.add(new IngestionRun(22, 2, other.getId(), RunTrigger.MANUAL, null));
            runs.add(new IngestionRun(23, 3, job.getId(), RunTrigger.MANUAL, null));
            return null;
        });
        Instant past = Instant.now().minusSeconds(3600);
        Instant future = Instant.now().plusSeconds(3600);

        List<Long> all = ids(null, null, null, null, null, 10);
        List<Long> ofJob = ids(job.getId(), null, null, null, null, 10);
        List<Long> afterCursor = ids(null, null, null, null, 23L, 1);
        List<Long> one = ids(null, null, null, 22L, null, 10);
        List<Long> inRange = ids(null, past, future, null, null, 10);
        List<Long> outOfRange = ids(null, future, null, null, null, 10);

        assertThat(all).containsExactly(23L, 22L, 21L);
        assertThat(ofJob).containsExactly(23L, 21L);
        assertThat(afterCursor).containsExactly(22L);
        assertThat(one).containsExactly(22L);
        assertThat(inRange).containsExactly(23L, 22L, 21L);
        assertThat(outOfRange).isEmpty();
    }

    private List<Long> ids(java.util.UUID jobId, Instant from, Instant to, Long execution, Long before, int limit) {
        return jpa
                .inTransaction(
                        em -> new JpaIngestionRunRepository(em).search(jobId, from, to, execution, before, limit))
                .stream()
                .map(IngestionRun::getExecutionId)
                .toList();
    }

    @Test
    void findsWhichExecutionsHaveARunInOneQuery() {
        jpa.inTransaction(em -> {
            JpaIngestionRunRepository runs = new JpaIngestionRunRepository(em);
            runs.add(new IngestionRun(51, 9, job.getId(), RunTrigger.MANUAL, null));
            runs.add(new IngestionRun(52, 9, job.getId(), RunTrigger.RESTART, 51L));
            return null;
        });

        java.util.Set<Long> known =
                jpa.inTransaction(em -> new JpaIngestionRunRepository(em).executionsAmong(List.of(50L, 52L, 53L)));
        java.util.Set<Long> noneAsked =
                jpa.inTransaction(em -> new JpaIngestionRunRepository(em).executionsAmong(List.of()));

        assertThat(known).containsExactly(52L);
        assertThat(noneAsked).isEmpty();
    }

    @Test
    void stagedFilesAreFoundByRunAndUnstagedTogether() {
        jpa.inTransaction(em -> {
            JpaIngestionRunRepository runs = new JpaIngestionRunRepository(em);
            runs.stage(staged("plant/readings/data/a.webm", 1));
            runs.stage(staged("plant/readings/data/b.webm", 1));
            runs.stage(staged("plant/readings/data/c.webm", 2));
            return null;
        });

        List<String> ofRun1 = jpa.inTransaction(em -> new JpaIngestionRunRepository(em).staged(1)).stream()
                .map(StagedSegmentFile::getPath)
                .toList();
        List<String> ofOthers =
                jpa
                        .inTransaction(em -> new JpaIngestionRunRepository(em).stagedOfOtherInstances(job.getId(), 1))
                        .stream()
                        .map(StagedSegmentFile::getPath)
                        .toList();
        jpa.inTransaction(em -> {
            JpaIngestionRunRepository runs = new JpaIngestionRunRepository(em);
            runs.unstage(runs.staged(1));
            return null;
        });

        assertThat(ofRun1).containsExactlyInAnyOrder("plant/readings/data/a.webm", "plant/readings/data/b.webm");
        assertThat(ofOthers).containsExactly("plant/readings/data/c.webm");
        java.util.Set<String> stillStaged = jpa.inTransaction(em -> new JpaIngestionRunRepository(em)
                .stagedAmong(List.of("plant/readings/data/a.webm", "plant/readings/data/c.webm")));
        assertThat(stillStaged).containsExactly("plant/readings/data/c.webm");
        java.util.Set<String> noneAsked =
                jpa.inTransaction(em -> new JpaIngestionRunRepository(em).stagedAmong(List.of()));
        assertThat(noneAsked).isEmpty();
    }

    @Test
    void aStagedPathCannotLeaveTheStorageFolder() {
        assertThatThrownBy(() -> jpa.inTransaction(em -> {
                    new JpaIngestionRunRepository(em).stage(staged("../outside.webm", 1));
                    return null;
                }))
                .hasStackTraceContaining("staged_segments_path_relative_ck");
    }

    private StagedSegmentFile staged(String path, long instance) {
        return new StagedSegmentFile(
                path,
                instance,
                job.getId(),
                asset.getId(),
                "[]",
                10,
                100,
                SHA,
                "{}",
                "{\"sourceUri\":\"postgresql://db/plant/public.readings\"}");
    }
}
