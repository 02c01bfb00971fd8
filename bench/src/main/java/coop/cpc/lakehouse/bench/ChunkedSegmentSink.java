package coop.cpc.lakehouse.bench;

import coop.cpc.lakehouse.application.table.SegmentFiles;
import coop.cpc.lakehouse.application.table.StagedSegment;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.ingest.RejectedRecord;
import coop.cpc.lakehouse.ingest.RowSink;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What an ingestion job does with the rows a source pushes: collects a chunk (10,000 rows by
 * default) and writes it as one segment file with the server's own {@link SegmentFiles} (temporary
 * name, SHA-256 while writing, fsync, atomic rename, statistics for the catalog). No catalog commit.
 */
final class ChunkedSegmentSink implements RowSink {
    static final int DEFAULT_CHUNK_ROWS = 10_000;
    private static final String NAMESPACE = "bench";

    private final SegmentFiles files;
    private final Path root;
    private final Schema schema;
    private final String asset;
    private final int chunkRows;
    private final List<Object[]> chunk;
    private final List<Path> written = new ArrayList<>();
    private long rows;
    private long rejected;
    private long bytes;
    private long writeNanos;

    /** @param root the storage folder; segments go to {@code root/bench/<asset>/data/} */
    ChunkedSegmentSink(Path root, Schema schema, String asset, int chunkRows) {
        this.files = new SegmentFiles(root);
        this.root = root;
        this.schema = schema;
        this.asset = asset;
        this.chunkRows = chunkRows;
        this.chunk = new ArrayList<>(chunkRows);
    }

    @Override
    public void row(Object[] values) throws IOException {
        chunk.add(values);
        rows++;
        if (chunk.size() == chunkRows) {
            flush();
        }
    }

    @Override
    public void reject(RejectedRecord record) {
        rejected++;
    }

    /** Writes the last, partial chunk. */
    void finish() throws IOException {
        if (!chunk.isEmpty()) {
            flush();
        }
    }

    private void flush() throws IOException {
        long t0 = System.nanoTime();
        StagedSegment segment = files.write(NAMESPACE, asset, schema, chunk);
        writeNanos += System.nanoTime() - t0;
        written.add(root.resolve(segment.path()));
        bytes += segment.byteSize();
        chunk.clear();
    }

    long rows() {
        return rows;
    }

    long rejected() {
        return rejected;
    }

    /** Bytes of the segment files written. */
    long bytes() {
        return bytes;
    }

    /** Time spent writing segments (encode, hash, fsync, rename, statistics). */
    long writeNanos() {
        return writeNanos;
    }

    List<Path> files() {
        return written;
    }
}
