package coop.cpc.lakehouse.application.table.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.asset.AssetSchema;
import coop.cpc.lakehouse.application.asset.ColumnSpec;
import coop.cpc.lakehouse.application.asset.ColumnType;
import coop.cpc.lakehouse.application.asset.PiiCategory;
import coop.cpc.lakehouse.application.table.CommitConflictException;
import coop.cpc.lakehouse.application.table.CompactionCommit;
import coop.cpc.lakehouse.application.table.IncomingColumn;
import coop.cpc.lakehouse.application.table.OrphanCleanups;
import coop.cpc.lakehouse.application.table.OrphanSegmentCleanup;
import coop.cpc.lakehouse.application.table.SegmentFiles;
import coop.cpc.lakehouse.application.table.SortOrder;
import coop.cpc.lakehouse.application.table.StagedSegment;
import coop.cpc.lakehouse.application.table.UncommittedSegments;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.run.IngestionRunRepository;
import coop.cpc.lakehouse.catalog.segment.WebmSegment;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A compaction's output segments are in no snapshot until it commits; one that runs longer than the orphan
 * cleanup's grace period must neither lose them to the cleanup nor commit a snapshot naming a missing one.
 */
class CompactionOutputsTest {
    private static final List<IncomingColumn> COLUMNS =
            List.of(new IncomingColumn("code", "string"), new IncomingColumn("v", "int32"));

    @TempDir
    Path root;

    SegmentFiles files;
    TableServiceFixture table;
    OrphanSegmentCleanup cleanup;

    @BeforeEach
    void twoCommitsToCompact() throws Exception {
        files = new SegmentFiles(root);
        table = new TableServiceFixture(
                files,
                AssetSchema.of(List.of(
                        new ColumnSpec("code", ColumnType.parse("code", "string"), false, true, PiiCategory.NONE),
                        new ColumnSpec("v", ColumnType.parse("v", "int32"), true, false, PiiCategory.NONE))));
        table.service.upsertText(table.assetId, COLUMNS, List.of(List.of("a", "1"), List.of("b", "2")));
        table.service.upsertText(table.assetId, COLUMNS, List.of(List.of("b", "3"), List.of("c", "4")));
        cleanup = OrphanCleanups.over(root, table.service.segments, noStagedFiles(), table.service.uncommitted);
    }

    @Test
    void anOrphanCleanupPastTheGraceWhileACompactionRunsLeavesItsOutputs() throws Exception {
        List<String> cleanedUp = new ArrayList<>();
        table.beforeNextCompactionCommit(compaction -> {
            // The compaction took two hours: its outputs are older than the grace when the hourly cleanup runs.
            Instant twoHoursAgo = Instant.now().minusSeconds(7200);
            for (StagedSegment segment : compaction.written()) {
                setModified(segment.path(), twoHoursAgo);
            }
            cleanedUp.add("deleted " + cleanup.removeOrphans(Instant.now().minus(OrphanSegmentCleanup.GRACE)));
        });

        var result = table.service.compact(table.assetId);

        assertThat(cleanedUp).containsExactly("deleted 0");
        assertThat(result.snapshotId()).isNotNull();
        for (WebmSegment live : table.service.segments.findLiveAt(table.assetId, result.snapshotId())) {
            assertThat(files.resolve(live.getPath())).exists();
        }
        assertThat(table.service.uncommitted.size()).as("held once committed").isZero();
    }

    @Test
    void aCompactionWhoseOutputIsMissingDoesNotCommitNorRemoveItsInputs() throws Exception {
        DataAsset asset = table.service.assets.find(table.assetId).orElseThrow();
        UUID before = asset.getCurrentSnapshotId();
        List<WebmSegment> live = table.service.segments.findLiveAt(table.assetId, before);
        StagedSegment lost = files.write(
                "crm",
                "accounts",
                "data",
                AssetSchema.fromJson(asset.getSchema()).toColumnar(),
                List.<Object[]>of(new Object[] {"a", 1}));
        Files.delete(files.resolve(lost.path()));

        assertThatThrownBy(() -> table.service.commits.recordCompaction(
                        table.assetId,
                        new CompactionCommit(
                                live.stream().map(WebmSegment::getId).toList(), List.of(), List.of(lost), 1),
                        asset.getSchema()))
                .isInstanceOf(CommitConflictException.class)
                .hasMessageContaining("with its compacted segment " + lost.path() + " (missing from the storage)");
        assertThat(asset.getCurrentSnapshotId()).isEqualTo(before);
        assertThat(live).allSatisfy(g -> assertThat(g.getRemovedSnapshotId()).isNull());
    }

    @Test
    void aCompactionsOutputsAreHeldUntilItCommitsOrDiscardsThem() throws Exception {
        UncommittedSegments held = new UncommittedSegments();
        DataAsset asset = table.service.assets.find(table.assetId).orElseThrow();
        AssetSchema schema = AssetSchema.fromJson(asset.getSchema());
        List<WebmSegment> live = table.service.segments.findLiveAt(table.assetId, asset.getCurrentSnapshotId());
        Compactor compactor = new Compactor(files, held);

        List<StagedSegment> written = compactor.rewrite(
                "crm",
                "accounts",
                schema.toColumnar(),
                live,
                DefaultTableService.keyColumns(schema),
                1,
                SortOrder.none());

        assertThat(written).hasSize(3);
        assertThat(written).allSatisfy(g -> assertThat(held.holds(g.path())).isTrue());
        compactor.release(written.subList(0, 1));
        compactor.discard(written.subList(1, 3));
        assertThat(held.size()).isZero();
    }

    private void setModified(String relative, Instant at) {
        try {
            Files.setLastModifiedTime(files.resolve(relative), FileTime.from(at));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static IngestionRunRepository noStagedFiles() {
        return (IngestionRunRepository) Proxy.newProxyInstance(
                IngestionRunRepository.class.getClassLoader(),
                new Class<?>[] {IngestionRunRepository.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("stagedAmong")) {
                        return java.util.Set.of();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
