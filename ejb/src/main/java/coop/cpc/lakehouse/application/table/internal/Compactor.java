package coop.cpc.lakehouse.application.table.internal;

import coop.cpc.lakehouse.application.table.SegmentFiles;
import coop.cpc.lakehouse.application.table.SortOrder;
import coop.cpc.lakehouse.application.table.StagedSegment;
import coop.cpc.lakehouse.application.table.UncommittedSegments;
import coop.cpc.lakehouse.catalog.segment.WebmSegment;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Logger;

/**
 * The rewrite half of a compaction: the current rows of the segments of one snapshot it rewrites (merge-on-read
 * over those data and delete segments; see {@link CompactionPlan} for those it keeps), streamed into fresh base
 * segments of at most {@code targetRows} rows each, in the asset's current schema. Only one output segment's rows
 * are held in memory at a time.
 */
public final class Compactor {
    private static final Logger LOG = Logger.getLogger(Compactor.class.getName());

    private final SegmentFiles files;
    private final boolean encodeAhead;
    private final UncommittedSegments uncommitted;

    public Compactor(SegmentFiles files) {
        this(files, true);
    }

    /**
     * @param uncommitted where each output segment is held from the moment it is written until {@link
     *                    #release} or {@link #discard}: a compaction can run for hours, longer than the
     *                    orphan cleanup's grace period, and its outputs are in no snapshot until it commits
     */
    public Compactor(SegmentFiles files, UncommittedSegments uncommitted) {
        this(files, true, uncommitted);
    }

    /**
     * @param encodeAhead whether each output row group is encoded as soon as it is full (the default), or
     *                    all of them when the segment is finished (the benchmark compares the two)
     */
    public Compactor(SegmentFiles files, boolean encodeAhead) {
        this(files, encodeAhead, new UncommittedSegments());
    }

    private Compactor(SegmentFiles files, boolean encodeAhead, UncommittedSegments uncommitted) {
        this.files = files;
        this.encodeAhead = encodeAhead;
        this.uncommitted = uncommitted;
    }

    /**
     * @param schema     the asset's current schema (the output segments')
     * @param keyColumns the primary key's columns (empty: no merge, rows are concatenated)
     * @param order      the asset's sort order: each output segment's rows are held as a list until the segment is
     *                   full, then sorted and written ({@link SortOrder#none()}: written as merged)
     * @return the written segments (not committed; if the commit fails, the caller deletes those the catalog does not name)
     */
    public List<StagedSegment> rewrite(
            String namespace,
            String asset,
            Schema schema,
            List<WebmSegment> live,
            List<Column> keyColumns,
            int targetRows,
            SortOrder order) {
        CompactionWorkers workers = new CompactionWorkers(schema.size());
        List<StagedSegment> written = new ArrayList<>();
        SegmentFiles.Appender[] current = {null};
        List<Object[]> sorting = new ArrayList<>();
        boolean done = false;
        try {
            // Rows go straight from the merge into the writer; the next row group decodes and the last full
            // one encodes meanwhile, on the same bounded pool.
            if (order.isNone()) {
                // The index is built on the pool while the first row group decodes.
                CompletableFuture<MergeIndex> indexing = keyColumns.isEmpty()
                        ? CompletableFuture.completedFuture(null)
                        : CompletableFuture.supplyAsync(
                                () -> MergeIndex.build(files, live, keyColumns), workers.urgent());
                MergeOnRead read =
                        new MergeOnRead(files, changesFirst(live), keyColumns, null, bytes -> {}, workers.urgent());
                // Unsorted output: each row group's surviving rows go over as columns gathered by position.
                read.scanGroups(schema.columns(), () -> joined(indexing), (columns, positions, count, normalized) -> {
                    try {
                        int added = 0;
                        while (added < count) {
                            if (current[0] == null) {
                                current[0] = files.open(
                                        namespace, asset, "data", schema, encodeAhead ? workers.later() : null);
                            }
                            int n = (int) Math.min(count - added, targetRows - current[0].rows());
                            current[0].addColumns(columns, positions, added, n, normalized);
                            added += n;
                            if (current[0].rows() == targetRows) {
                                finish(current, written, namespace, asset);
                            }
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(
                                "Cannot write a compacted segment of " + namespace + "." + asset, e);
                    }
                });
            } else {
                MergeIndex index = keyColumns.isEmpty() ? null : MergeIndex.build(files, live, keyColumns);
                MergeOnRead read = new MergeOnRead(files, live, keyColumns, index, bytes -> {}, workers.urgent());
                read.scan(schema.columns(), List.of(), null, (row, s, g, r) -> {
                    sorting.add(row);
                    if (sorting.size() == targetRows) {
                        try {
                            keep(written, files.write(namespace, asset, "data", schema, sorting, order));
                        } catch (IOException e) {
                            throw new UncheckedIOException(
                                    "Cannot write a compacted segment of " + namespace + "." + asset, e);
                        }
                        sorting.clear();
                    }
                    return true;
                });
            }
            if (current[0] != null) {
                finish(current, written, namespace, asset);
            }
            if (!sorting.isEmpty()) {
                keep(written, files.write(namespace, asset, "data", schema, sorting, order));
            }
            done = true;
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a compacted segment of " + namespace + "." + asset, e);
        } finally {
            if (current[0] != null) {
                current[0].close();
            }
            workers.close();
            if (!done) {
                discard(written);
            }
        }
    }

    /** The index built on the pool, its failure thrown as it was (not wrapped). */
    private static MergeIndex joined(CompletableFuture<MergeIndex> indexing) {
        try {
            return indexing.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /**
     * The live segments with the change data segments (newer than the base) first, each group in its order.
     * Changed rows usually come in any key order and widen their tracks' frames; written first, they set the
     * output tracks' layout in the first row group, so a row group encoded ahead seldom has to be encoded again
     * at close (with them last, every earlier frame of the key column was encoded twice).
     */
    static List<WebmSegment> changesFirst(List<WebmSegment> live) {
        long base = MergeIndex.baseSequence(live);
        List<WebmSegment> ordered = new ArrayList<>(live.size());
        live.stream().filter(g -> g.getDataSequence() > base).forEach(ordered::add);
        live.stream().filter(g -> g.getDataSequence() <= base).forEach(ordered::add);
        return ordered;
    }

    private void finish(SegmentFiles.Appender[] current, List<StagedSegment> written, String namespace, String asset)
            throws IOException {
        try (SegmentFiles.Appender appender = current[0]) {
            current[0] = null;
            keep(written, appender.finish());
        }
    }

    /** An output segment, held from the orphan cleanup until the compaction commits or discards it. */
    private void keep(List<StagedSegment> written, StagedSegment segment) {
        uncommitted.hold(List.of(segment.path()));
        written.add(segment);
    }

    /**
     * Holds the outputs no longer: the committed snapshot names them (the catalog keeps them from the orphan
     * cleanup), or the commit failed and those it did not name are {@link #discard}ed or left to the cleanup.
     */
    public void release(List<StagedSegment> written) {
        uncommitted.release(written.stream().map(StagedSegment::path).toList());
    }

    public void discard(List<StagedSegment> written) {
        uncommitted.release(written.stream().map(StagedSegment::path).toList());
        for (StagedSegment segment : written) {
            try {
                files.delete(segment);
            } catch (IOException e) {
                LOG.warning(() -> "Cannot delete the uncommitted segment " + segment.path() + ": " + e.getMessage()
                        + " (orphan cleanup will)");
            }
        }
    }
}
