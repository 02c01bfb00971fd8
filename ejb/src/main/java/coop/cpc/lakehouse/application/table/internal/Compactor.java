package coop.cpc.lakehouse.application.table.internal;

import coop.cpc.lakehouse.application.table.SegmentFiles;
import coop.cpc.lakehouse.application.table.StagedSegment;
import coop.cpc.lakehouse.catalog.segment.SegmentKind;
import coop.cpc.lakehouse.catalog.segment.WebmSegment;
import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * The rewrite half of a compaction: the current rows of one snapshot (merge-on-read over its data and
 * delete segments), streamed into fresh base segments of at most {@code targetRows} rows each, in
 * the asset's current schema. Only one output segment's rows are held in memory at a time.
 */
public final class Compactor {
    private static final Logger LOG = Logger.getLogger(Compactor.class.getName());

    private final SegmentFiles files;

    public Compactor(SegmentFiles files) {
        this.files = files;
    }

    /** Whether compacting the live segments would change anything: deletes, several data sequences, or small segments. */
    public static boolean worthwhile(List<WebmSegment> live, int targetRows) {
        if (live.stream().anyMatch(g -> g.getKind() == SegmentKind.DELETES)) {
            return true;
        }
        List<WebmSegment> data =
                live.stream().filter(g -> g.getKind() == SegmentKind.DATA).toList();
        if (data.stream().mapToLong(WebmSegment::getDataSequence).distinct().count() > 1) {
            return true;
        }
        // One commit's segments: rewriting helps only when several of them are below the target.
        return data.stream().filter(g -> g.getRowCount() < targetRows).count() > 1;
    }

    /**
     * @param schema     the asset's current schema (the output segments')
     * @param keyColumns the primary key's columns (empty: no merge, rows are concatenated)
     * @return the written segments (not committed; the caller deletes them if the commit fails)
     */
    public List<StagedSegment> rewrite(
            String namespace,
            String asset,
            Schema schema,
            List<WebmSegment> live,
            List<Column> keyColumns,
            int targetRows) {
        MergeIndex index = keyColumns.isEmpty() ? null : MergeIndex.build(files, live, keyColumns);
        MergeOnRead read = new MergeOnRead(files, live, keyColumns, index);
        List<StagedSegment> written = new ArrayList<>();
        List<Object[]> buffer = new ArrayList<>();
        boolean done = false;
        try {
            read.scan(schema.columns(), List.of(), null, (row, s, g, r) -> {
                buffer.add(row);
                if (buffer.size() == targetRows) {
                    flush(namespace, asset, schema, buffer, written);
                }
                return true;
            });
            if (!buffer.isEmpty()) {
                flush(namespace, asset, schema, buffer, written);
            }
            done = true;
            return written;
        } finally {
            if (!done) {
                discard(written);
            }
        }
    }

    private void flush(
            String namespace, String asset, Schema schema, List<Object[]> buffer, List<StagedSegment> written) {
        try {
            written.add(files.write(namespace, asset, schema, buffer));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write a compacted segment of " + namespace + "." + asset, e);
        }
        buffer.clear();
    }

    public void discard(List<StagedSegment> written) {
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
