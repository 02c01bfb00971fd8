package coop.cpc.lakehouse.application.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.table.StagedChanges;
import coop.cpc.lakehouse.application.table.StagedSegment;
import coop.cpc.lakehouse.catalog.snapshot.SnapshotOperation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SnapshotStagingTest {
    private static final CdcTable ORDERS = new CdcTable("public.orders", UUID.randomUUID(), List.of("id"));
    private static final CdcTable LINES = new CdcTable("public.lines", UUID.randomUUID(), List.of("id"));
    private static final CdcStream STREAM = new CdcStream(
            UUID.randomUUID(),
            "sales",
            "jdbc:postgresql://localhost:5432/sales",
            "cdc",
            null,
            "sales",
            CdcStream.SnapshotMode.INITIAL,
            "lakehouse_cdc_sales",
            "lakehouse_cdc_sales_pub",
            true,
            false,
            List.of(),
            null,
            List.of(ORDERS, LINES),
            Instant.EPOCH,
            0);
    private static final Map<String, Object> OFFSET = Map.of("lsn", 4242L);

    /** Records what the staging asks of the applier; staged chunks are "files" until committed or discarded. */
    static final class RecordingChunks implements SnapshotStaging.Chunks {
        final List<StagedChanges> staged = new ArrayList<>();
        final List<StagedChanges> discarded = new ArrayList<>();
        final List<Map<CdcTable, List<StagedChanges>>> commits = new ArrayList<>();
        Map<String, ?> committedOffset;
        boolean failCommit;

        @Override
        public StagedChanges stage(CdcTable table, List<SourceChange> rows) {
            assertThat(rows).allMatch(r -> r.sourceTable().equals(table.sourceTable()));
            StagedChanges chunk = new StagedChanges(
                    table.assetId(),
                    SnapshotOperation.OVERWRITE,
                    true,
                    List.of(),
                    List.of(new StagedSegment("chunk-" + staged.size() + ".webm", rows.size(), 1, "x", "{}")),
                    List.of(),
                    null,
                    List.of());
            staged.add(chunk);
            return chunk;
        }

        @Override
        public void commit(Map<CdcTable, List<StagedChanges>> chunks, Map<String, ?> offset) {
            if (failCommit) {
                throw new IllegalStateException("the catalog is down");
            }
            commits.add(chunks);
            committedOffset = offset;
        }

        @Override
        public void discard(List<StagedChanges> chunks) {
            discarded.addAll(chunks);
        }

        long rowsIn(List<StagedChanges> chunks) {
            return chunks.stream().mapToLong(StagedChanges::rowsUpserted).sum();
        }
    }

    private static SourceChange row(CdcTable table) {
        return new SourceChange(table.sourceTable(), SourceChange.Kind.UPSERT, null, null);
    }

    @Test
    void aSnapshotLargerThanTheBoundHoldsAtMostOneChunkInMemoryAndCommitsOnceWhenComplete() throws Exception {
        RecordingChunks chunks = new RecordingChunks();
        SnapshotStaging staging = new SnapshotStaging(STREAM, 1_000, chunks);
        int maxHeld = 0;
        for (int i = 0; i < 10_500; i++) {
            staging.add(row(i % 3 == 0 ? LINES : ORDERS));
            maxHeld = Math.max(maxHeld, staging.heldRows());
            assertThat(chunks.commits).as("nothing commits before the last row").isEmpty();
        }
        assertThat(maxHeld).isLessThanOrEqualTo(1_000);
        assertThat(chunks.rowsIn(chunks.staged))
                .as("rows already staged as files")
                .isEqualTo(10_000);
        assertThat(staging.inProgress()).isTrue();

        assertThat(staging.complete(OFFSET)).isEqualTo(10_500);

        assertThat(chunks.commits).hasSize(1);
        Map<CdcTable, List<StagedChanges>> committed = chunks.commits.get(0);
        assertThat(chunks.rowsIn(committed.get(ORDERS))).isEqualTo(7_000);
        assertThat(chunks.rowsIn(committed.get(LINES))).isEqualTo(3_500);
        assertThat(chunks.rowsIn(
                        committed.values().stream().flatMap(List::stream).toList()))
                .isEqualTo(10_500);
        assertThat(chunks.committedOffset).isEqualTo(OFFSET);
        assertThat(chunks.discarded).isEmpty();
        assertThat(staging.heldRows()).isZero();
        assertThat(staging.inProgress()).isFalse();
    }

    @Test
    void aSnapshotTheEngineAbandonsDeletesEveryStagedChunkAndCommitsNothing() throws Exception {
        RecordingChunks chunks = new RecordingChunks();
        SnapshotStaging staging = new SnapshotStaging(STREAM, 100, chunks);
        for (int i = 0; i < 450; i++) {
            staging.add(row(ORDERS));
        }

        staging.abandon();

        assertThat(chunks.commits).isEmpty();
        assertThat(chunks.discarded).containsExactlyInAnyOrderElementsOf(chunks.staged);
        assertThat(chunks.staged).hasSize(4);
        assertThat(staging.inProgress()).isFalse();
        assertThatThrownBy(() -> staging.add(row(ORDERS)))
                .as("an engine that ended stages nothing more")
                .isInstanceOf(IllegalStateException.class);
        assertThat(chunks.staged).hasSize(4);
    }

    @Test
    void aCommitThatFailsDeletesEveryStagedChunk() throws Exception {
        RecordingChunks chunks = new RecordingChunks();
        chunks.failCommit = true;
        SnapshotStaging staging = new SnapshotStaging(STREAM, 100, chunks);
        for (int i = 0; i < 250; i++) {
            staging.add(row(i % 2 == 0 ? ORDERS : LINES));
        }

        assertThatThrownBy(() -> staging.complete(OFFSET)).hasMessageContaining("the catalog is down");

        assertThat(chunks.commits).isEmpty();
        assertThat(chunks.discarded).containsExactlyInAnyOrderElementsOf(chunks.staged);
        assertThat(chunks.rowsIn(chunks.discarded)).isEqualTo(250);
    }

    @Test
    void rowsOfTablesTheStreamDoesNotCaptureAreNotHeld() throws Exception {
        RecordingChunks chunks = new RecordingChunks();
        SnapshotStaging staging = new SnapshotStaging(STREAM, 100, chunks);
        staging.add(new SourceChange("public.other", SourceChange.Kind.UPSERT, null, null));
        assertThat(staging.heldRows()).isZero();
        assertThat(staging.complete(OFFSET)).isZero();
        assertThat(chunks.commits).hasSize(1);
    }
}
