package coop.cpc.lakehouse.application.table.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.application.table.SegmentFiles;
import coop.cpc.lakehouse.application.table.SortOrder;
import coop.cpc.lakehouse.application.table.StagedSegment;
import coop.cpc.lakehouse.catalog.segment.SegmentKind;
import coop.cpc.lakehouse.catalog.segment.WebmSegment;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A compaction that fails while its merge index is still being built on the compaction's pool stops that build:
 * when the compaction has failed, the build has read no further segment and no task of it runs on.
 */
class FailedCompactionTest {
    private static final UUID ASSET = UUID.randomUUID();
    private static final int DELETE_SEGMENTS = 5;
    private static final Column ID = new Column("id", ColumnType.of(ColumnType.Kind.INT64), false);

    @TempDir
    Path root;

    @Test
    void aFailedCompactionStopsItsIndexBuildAndLeavesNoTaskRunning() throws Exception {
        List<Column> key = List.of(ID);
        Schema schema = new Schema(List.of(ID, new Column("v", ColumnType.of(ColumnType.Kind.INT64), true)));
        IndexBuildOnHold files = new IndexBuildOnHold(root);
        List<WebmSegment> live = new ArrayList<>();
        live.add(segment(files.write("shop", "accounts", schema, rows(0, 1_000)), SegmentKind.DATA, 1));
        for (int d = 0; d < DELETE_SEGMENTS; d++) {
            List<Object[]> keys = new ArrayList<>();
            for (long id = d * 10L; id < d * 10L + 10; id++) {
                keys.add(new Object[] {id});
            }
            live.add(segment(
                    files.write("shop", "accounts", "deletes", new Schema(key), keys), SegmentKind.DELETES, 2 + d));
        }
        WebmSegment unreadable = segment(files.write("shop", "accounts", schema, rows(500, 600)), SegmentKind.DATA, 9);
        live.add(unreadable);
        files.failing = unreadable.getPath();

        assertThatThrownBy(() -> new Compactor(files)
                        .rewrite("shop", "accounts", schema, live, key, 1_048_576, SortOrder.none()))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("the disk went away");

        assertThat(files.indexThread).isNotNull();
        assertThat(files.indexThread.isAlive())
                .as("the index build still running once the compaction failed")
                .isFalse();
        assertThat(files.indexOpened).as("segments the index build opened").hasSize(1);
        assertThat(compactionThreads()).isEmpty();
    }

    private static Set<Thread> compactionThreads() {
        Set<Thread> threads = Thread.getAllStackTraces().keySet();
        threads.removeIf(t -> !t.getName().startsWith("compaction-") || !t.isAlive());
        return threads;
    }

    /**
     * Segment files whose index build, on the compaction's pool, takes a while over its first segment and does
     * not notice an interrupt meanwhile (as a row group's decode does not); the merge's first read fails once that
     * build is under way.
     */
    private static final class IndexBuildOnHold extends SegmentFiles {
        final CountDownLatch indexStarted = new CountDownLatch(1);
        final List<String> indexOpened = new CopyOnWriteArrayList<>();
        volatile Thread indexThread;
        volatile String failing;

        IndexBuildOnHold(Path root) {
            super(root);
        }

        @Override
        public Path resolve(String relativePath) {
            if (failing == null) {
                return super.resolve(relativePath);
            }
            if (Thread.currentThread().getName().startsWith("compaction-")) {
                indexOpened.add(relativePath);
                if (indexThread == null) {
                    indexThread = Thread.currentThread();
                    indexStarted.countDown();
                    busyUntilInterruptedAndThenSome();
                }
                return super.resolve(relativePath);
            }
            if (relativePath.equals(failing)) {
                await(indexStarted);
                throw new UncheckedIOException(new IOException("the disk went away"));
            }
            return super.resolve(relativePath);
        }

        /** Work that notices no interrupt: it goes on 300 ms past one, and leaves the interrupt set. */
        private static void busyUntilInterruptedAndThenSome() {
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!Thread.currentThread().isInterrupted() && System.nanoTime() < giveUp) {
                Thread.onSpinWait();
            }
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
        }

        private static void await(CountDownLatch latch) {
            try {
                assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static List<Object[]> rows(long from, long to) {
        List<Object[]> rows = new ArrayList<>();
        for (long id = from; id < to; id++) {
            rows.add(new Object[] {id, id * 3});
        }
        return rows;
    }

    private static WebmSegment segment(StagedSegment file, SegmentKind kind, long sequence) {
        return file.addedBy(ASSET, UUID.randomUUID(), kind, sequence);
    }
}
