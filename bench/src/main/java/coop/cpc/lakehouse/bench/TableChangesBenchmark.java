package coop.cpc.lakehouse.bench;

import coop.cpc.lakehouse.application.table.SegmentFiles;
import coop.cpc.lakehouse.application.table.SortOrder;
import coop.cpc.lakehouse.application.table.StagedSegment;
import coop.cpc.lakehouse.application.table.internal.Compactor;
import coop.cpc.lakehouse.application.table.internal.MergeIndex;
import coop.cpc.lakehouse.application.table.internal.MergeOnRead;
import coop.cpc.lakehouse.catalog.segment.SegmentKind;
import coop.cpc.lakehouse.catalog.segment.WebmSegment;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.Schema;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * Row-level changes (docs/benchmarks.md, section "Row changes"), on the table format's own classes
 * (segment files, merge index, merge-on-read, compactor; no server, no catalog):
 * <ol>
 *   <li>{@code tables.merge_on_read_vs_compacted_scan}: speed of a full scan (every column) of an asset
 *       with 10% of its keys updated and 5% deleted, read by merge-on-read, over the speed of the same
 *       scan once the asset is compacted (higher is better; goal at least 0.5);</li>
 *   <li>{@code tables.compaction_vs_append_rows_s}: rows/s of compacting that asset over rows/s of
 *       writing the same number of rows as a plain append (goal at least 0.7).</li>
 * </ol>
 * Untimed warm-up, then the median of {@code bench.repeats} timed runs, the two sides alternating.
 * Argument: the working directory. System properties: {@code bench.table.rows} (200,000),
 * {@code bench.repeats} (3), {@code bench.table.warmups} (0, at most 100: untimed compaction and append rounds
 * before the timed ones).
 */
public final class TableChangesBenchmark {
    private static final int ROWS = Integer.getInteger("bench.table.rows", 200_000);
    private static final int REPEATS = Integer.getInteger("bench.repeats", 3);
    /** Untimed rounds of compaction and append before the timed ones (0: only the first compaction warms up). */
    private static final int WARMUPS = Math.min(Math.max(Integer.getInteger("bench.table.warmups", 0), 0), 100);

    private static final int TARGET_ROWS = 1_048_576;

    private TableChangesBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : "target/table-data");
        Files.createDirectories(root);
        SegmentFiles files = new SegmentFiles(root);
        Schema schema = new Schema(List.of(
                new Column("id", ColumnType.of(ColumnType.Kind.INT64), false),
                new Column("owner", ColumnType.of(ColumnType.Kind.STRING), true),
                new Column("amount", ColumnType.decimal(12, 2), true),
                new Column("updated", ColumnType.of(ColumnType.Kind.INT64), true)));
        List<Column> key = List.of(schema.column(0));
        Random random = new Random(12);
        List<Object[]> base = new ArrayList<>(ROWS);
        for (long id = 0; id < ROWS; id++) {
            base.add(row(random, id, 0));
        }
        // 10% of the keys updated (one commit), 5% deleted (another), chosen at random.
        List<Long> ids = new ArrayList<>();
        for (long id = 0; id < ROWS; id++) {
            ids.add(id);
        }
        java.util.Collections.shuffle(ids, random);
        List<Object[]> updates = new ArrayList<>();
        for (Long id : ids.subList(0, ROWS / 10)) {
            updates.add(row(random, id, 1));
        }
        List<Object[]> deletes = new ArrayList<>();
        for (Long id : ids.subList(ROWS / 10, ROWS / 10 + ROWS / 20)) {
            deletes.add(new Object[] {id});
        }
        UUID asset = UUID.randomUUID();
        long started = System.nanoTime();
        StagedSegment baseFile = files.write("bench", "accounts", schema, base);
        double appendSeconds = seconds(started);
        StagedSegment updateFile = files.write("bench", "accounts", schema, updates);
        StagedSegment deleteFile = files.write("bench", "accounts", "deletes", new Schema(key), deletes);
        List<WebmSegment> changed = List.of(
                segment(asset, baseFile, SegmentKind.DATA, 1),
                segment(asset, updateFile, SegmentKind.DATA, 2),
                segment(asset, deleteFile, SegmentKind.DELETES, 3));
        long expected = ROWS - ROWS / 20;

        Compactor compactor = new Compactor(files);
        List<StagedSegment> compactedFiles =
                compactor.rewrite("bench", "accounts", schema, changed, key, TARGET_ROWS, SortOrder.none());
        List<WebmSegment> compacted = compactedFiles.stream()
                .map(f -> segment(asset, f, SegmentKind.DATA, 3))
                .toList();
        System.out.printf(
                Locale.ROOT,
                "rows %d, updated %d, deleted %d; segments %d -> %d%n",
                ROWS,
                updates.size(),
                deletes.size(),
                changed.size(),
                compacted.size());

        // Warm-up, then alternating timed runs.
        scan(files, changed, schema, key, expected);
        scan(files, compacted, schema, key, expected);
        double[] mergeOnRead = new double[REPEATS];
        double[] plain = new double[REPEATS];
        for (int r = 0; r < REPEATS; r++) {
            mergeOnRead[r] = scan(files, changed, schema, key, expected);
            plain[r] = scan(files, compacted, schema, key, expected);
        }
        double mor = median(mergeOnRead);
        double flat = median(plain);
        System.out.printf(
                Locale.ROOT,
                "scan merge-on-read %.3f s (%.0f rows/s), compacted %.3f s (%.0f rows/s)%n",
                mor,
                expected / mor,
                flat,
                expected / flat);
        System.out.printf(Locale.ROOT, "RATIO tables.merge_on_read_vs_compacted_scan %.3f%n", flat / mor);

        double[] compaction = new double[REPEATS];
        double[] compactionAtClose = new double[REPEATS];
        Compactor encodingAtClose = new Compactor(files, false);
        double[] append = new double[REPEATS];
        double[] compactionCpu = new double[REPEATS];
        double[] appendCpu = new double[REPEATS];
        List<Object[]> sameRows = new ArrayList<>(base.subList(0, (int) expected));
        // Optional: a steady state (the JIT done compiling) instead of the first rounds' compilation in the figures.
        for (int w = 0; w < WARMUPS; w++) {
            compactor.discard(
                    compactor.rewrite("bench", "accounts", schema, changed, key, TARGET_ROWS, SortOrder.none()));
            files.delete(files.write("bench", "accounts", schema, sameRows));
        }
        for (int r = 0; r < REPEATS; r++) {
            long cpu = processCpuNanos();
            started = System.nanoTime();
            List<StagedSegment> out =
                    compactor.rewrite("bench", "accounts", schema, changed, key, TARGET_ROWS, SortOrder.none());
            compaction[r] = seconds(started);
            compactionCpu[r] = (processCpuNanos() - cpu) / 1e9;
            compactor.discard(out);
            // The same compaction with the writer encoding every row group at the end (no overlap), for comparison.
            started = System.nanoTime();
            encodingAtClose.discard(
                    encodingAtClose.rewrite("bench", "accounts", schema, changed, key, TARGET_ROWS, SortOrder.none()));
            compactionAtClose[r] = seconds(started);
            cpu = processCpuNanos();
            started = System.nanoTime();
            StagedSegment plainFile = files.write("bench", "accounts", schema, sameRows);
            append[r] = seconds(started);
            appendCpu[r] = (processCpuNanos() - cpu) / 1e9;
            files.delete(plainFile);
        }
        // CPU seconds of the whole process (every thread, the collector's too): what the work costs whatever
        // else the shared machine runs, next to the wall-clock figures the ratio is made of.
        System.out.printf(
                Locale.ROOT,
                "cpu: compaction %.3f s, plain append %.3f s (medians, all threads)%n",
                median(compactionCpu),
                median(appendCpu));
        System.out.printf(
                Locale.ROOT,
                "compaction encoding each row group when full %.3f s, encoding all at the end %.3f s (medians)%n",
                median(compaction),
                median(compactionAtClose));
        double compactRate = expected / median(compaction);
        double appendRate = expected / median(append);
        System.out.printf(
                Locale.ROOT,
                "compaction %.0f rows/s, plain append %.0f rows/s (first append of %d rows: %.3f s)%n",
                compactRate,
                appendRate,
                ROWS,
                appendSeconds);
        System.out.printf(Locale.ROOT, "RATIO tables.compaction_vs_append_rows_s %.3f%n", compactRate / appendRate);
    }

    private static Object[] row(Random random, long id, long version) {
        return new Object[] {id, "owner " + (id % 997), BigDecimal.valueOf(random.nextInt(10_000_000), 2), version};
    }

    private static WebmSegment segment(UUID asset, StagedSegment file, SegmentKind kind, long sequence) {
        return file.addedBy(asset, UUID.randomUUID(), kind, sequence);
    }

    /** A full scan of every column; checks the row count so that neither side can skip work. */
    private static double scan(
            SegmentFiles files, List<WebmSegment> live, Schema schema, List<Column> key, long expected) {
        long started = System.nanoTime();
        MergeIndex index = MergeIndex.build(files, live, key);
        long[] rows = {0};
        new MergeOnRead(files, live, key, index).scan(schema.columns(), List.of(), null, (row, s, g, r) -> {
            rows[0]++;
            return true;
        });
        if (rows[0] != expected) {
            throw new IllegalStateException("scan read " + rows[0] + " rows, not " + expected);
        }
        return seconds(started);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
