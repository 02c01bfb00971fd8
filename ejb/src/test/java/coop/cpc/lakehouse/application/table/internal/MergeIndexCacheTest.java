package coop.cpc.lakehouse.application.table.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.asset.AssetSchema;
import coop.cpc.lakehouse.application.asset.ColumnSpec;
import coop.cpc.lakehouse.application.asset.ColumnType;
import coop.cpc.lakehouse.application.asset.PiiCategory;
import coop.cpc.lakehouse.application.table.CommitResult;
import coop.cpc.lakehouse.application.table.IncomingColumn;
import coop.cpc.lakehouse.application.table.SegmentFiles;
import coop.cpc.lakehouse.columnar.Column;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The merge index cache is bounded by the heap its indexes take, and builds a snapshot's index once at a time. */
class MergeIndexCacheTest {
    private static final int KEYS = 300;
    private static final List<Column> KEY =
            List.of(new Column("code", coop.cpc.lakehouse.columnar.ColumnType.parse("string"), false));

    @TempDir
    Path root;

    @Test
    void anIndexOfLongStringKeysIsEstimatedLargerThanOneOfShortKeys() throws Exception {
        MergeIndex shortKeys = indexOfStringKeys("k", root.resolve("short"));
        MergeIndex longKeys = indexOfStringKeys("k".repeat(60), root.resolve("long"));

        assertThat(shortKeys.size()).isEqualTo(longKeys.size()).isEqualTo(KEYS);
        assertThat(shortKeys.estimatedBytes()).isGreaterThanOrEqualTo((long) KEYS * MergeIndex.ENTRY_BYTES);
        assertThat(longKeys.estimatedBytes()).isGreaterThanOrEqualTo(shortKeys.estimatedBytes() + KEYS * 2L * 59);
    }

    @Test
    void theCacheIsBoundedByTheIndexesEstimatedBytesNotTheirKeys() throws Exception {
        MergeIndex index = indexOfStringKeys("key-".repeat(10), root);
        MergeIndexCache cache = new MergeIndexCache(index.estimatedBytes() * 3 / 2);
        AtomicInteger builds = new AtomicInteger();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();

        cache.get(first, KEY, () -> counted(builds, index));
        cache.get(second, KEY, () -> counted(builds, index));

        assertThat(cache.size()).as("indexes kept").isEqualTo(1);
        assertThat(cache.bytes()).isEqualTo(index.estimatedBytes());
        cache.get(second, KEY, () -> counted(builds, index));
        assertThat(builds).as("the newest was kept").hasValue(2);
        cache.get(first, KEY, () -> counted(builds, index));
        assertThat(builds).as("the eldest was evicted, so built again").hasValue(3);
    }

    /** An index's keys are the key values in key order: one built for another order matches no row. */
    @Test
    void anIndexIsKeptPerSnapshotAndKeyColumnOrder() throws Exception {
        MergeIndex index = indexOfStringKeys("k", root);
        MergeIndexCache cache = new MergeIndexCache();
        AtomicInteger builds = new AtomicInteger();
        UUID snapshot = UUID.randomUUID();
        Column a = new Column("a", coop.cpc.lakehouse.columnar.ColumnType.parse("int64"), false);
        Column b = new Column("b", coop.cpc.lakehouse.columnar.ColumnType.parse("string"), false);

        cache.get(snapshot, List.of(a, b), () -> counted(builds, index));
        cache.get(snapshot, List.of(a, b), () -> counted(builds, index));
        assertThat(builds).as("the same snapshot and key: built once").hasValue(1);
        cache.get(snapshot, List.of(b, a), () -> counted(builds, index));
        assertThat(builds)
                .as("the same snapshot, the key columns reordered: built again")
                .hasValue(2);
    }

    @Test
    void anIndexLargerThanTheWholeBoundIsUsedButNotKept() throws Exception {
        MergeIndex index = indexOfStringKeys("k", root);
        MergeIndexCache cache = new MergeIndexCache(index.estimatedBytes() - 1);

        assertThat(cache.get(UUID.randomUUID(), KEY, () -> index)).isSameAs(index);
        assertThat(cache.size()).isZero();
        assertThat(cache.bytes()).isZero();
    }

    @Test
    void concurrentFirstReadsOfASnapshotWaitForOneBuild() throws Exception {
        MergeIndex index = indexOfStringKeys("k", root);
        MergeIndexCache cache = new MergeIndexCache();
        UUID snapshot = UUID.randomUUID();
        AtomicInteger builds = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        int readers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(readers);
        try {
            List<Future<MergeIndex>> reads = new ArrayList<>();
            for (int r = 0; r < readers; r++) {
                reads.add(pool.submit(() -> cache.get(snapshot, KEY, () -> {
                    builds.incrementAndGet();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return index;
                })));
            }
            // Every reader has asked by now; the first one's build is still held.
            Thread.sleep(300);
            release.countDown();
            for (Future<MergeIndex> read : reads) {
                assertThat(read.get(10, TimeUnit.SECONDS)).isSameAs(index);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(builds).as("builds of one snapshot's index").hasValue(1);
    }

    @Test
    void aFailedBuildIsNotKeptAndTheNextReadBuildsAgain() throws Exception {
        MergeIndex index = indexOfStringKeys("k", root);
        MergeIndexCache cache = new MergeIndexCache();
        UUID snapshot = UUID.randomUUID();

        assertThatThrownBy(() -> cache.get(snapshot, KEY, () -> {
                    throw new MergeIndex.MergeTooLargeException(MergeIndex.MAX_KEYS);
                }))
                .isInstanceOf(MergeIndex.MergeTooLargeException.class);
        assertThat(cache.get(snapshot, KEY, () -> index)).isSameAs(index);
    }

    private static MergeIndex counted(AtomicInteger builds, MergeIndex index) {
        builds.incrementAndGet();
        return index;
    }

    /** The index of a snapshot whose change segment upserts {@link #KEYS} string keys starting with {@code prefix}. */
    private static MergeIndex indexOfStringKeys(String prefix, Path folder) throws Exception {
        AssetSchema schema = AssetSchema.of(List.of(
                new ColumnSpec("code", ColumnType.parse("code", "string"), false, true, PiiCategory.NONE),
                new ColumnSpec("v", ColumnType.parse("v", "int32"), true, false, PiiCategory.NONE)));
        SegmentFiles files = new SegmentFiles(folder);
        TableServiceFixture table = new TableServiceFixture(files, schema);
        List<IncomingColumn> columns = List.of(new IncomingColumn("code", "string"), new IncomingColumn("v", "int32"));
        List<List<String>> rows = new ArrayList<>();
        for (int k = 0; k < KEYS; k++) {
            rows.add(List.of(prefix + k, String.valueOf(k)));
        }
        table.service.upsertText(table.assetId, columns, rows);
        CommitResult changed = table.service.upsertText(table.assetId, columns, rows);
        return MergeIndex.build(
                files,
                table.service.segments.findLiveAt(table.assetId, changed.snapshotId()),
                DefaultTableService.keyColumns(schema));
    }
}
