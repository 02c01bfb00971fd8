package coop.cpc.lakehouse.bench;

import coop.cpc.lakehouse.application.table.SegmentFiles;
import coop.cpc.lakehouse.application.table.SegmentWritePipeline;
import coop.cpc.lakehouse.application.table.SortOrder;
import coop.cpc.lakehouse.application.table.StagedSegment;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.ingest.RejectedRecord;
import coop.cpc.lakehouse.ingest.RowSink;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * What an ingestion job does with the rows a source pushes: collects a chunk (10,000 rows by
 * default) and writes it as one segment file with the server's own {@link SegmentFiles} (temporary
 * name, SHA-256 while writing, fsync, atomic rename, statistics for the catalog) through the
 * server's {@link SegmentWritePipeline}, so the source reads on while up to {@code chunksInFlight}
 * chunks are written (as the ingestion job does with {@code ingestion_chunks_in_flight}). No
 * catalog commit.
 */
final class ChunkedSegmentSink implements RowSink {
    static final int DEFAULT_CHUNK_ROWS = 10_000;
    private static final String NAMESPACE = "bench";

    private final ExecutorService executor;
    private final SegmentWritePipeline<Integer> pipeline;
    private final Path root;
    private final Schema schema;
    private final String asset;
    private final int chunkRows;
    private final SortOrder order;
    private List<Object[]> chunk;
    private int chunks;
    private final List<Path> written = new ArrayList<>();
    private long rows;
    private long rejected;
    private long bytes;
    private long writeNanos;

    /** @param root the storage folder; segments go to {@code root/bench/<asset>/data/} */
    ChunkedSegmentSink(Path root, Schema schema, String asset, int chunkRows, int chunksInFlight) {
        this(root, schema, asset, chunkRows, chunksInFlight, SortOrder.none());
    }

    /** @param order the asset's sort order: each segment's rows sorted by it, as the server's ingestion does */
    ChunkedSegmentSink(Path root, Schema schema, String asset, int chunkRows, int chunksInFlight, SortOrder order) {
        this.order = order;
        this.executor = Executors.newFixedThreadPool(chunksInFlight, r -> {
            Thread t = new Thread(r, "segment-writer");
            t.setDaemon(true);
            return t;
        });
        this.pipeline = new SegmentWritePipeline<>(new SegmentFiles(root), executor, chunksInFlight);
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

    /** Writes the last, partial chunk and waits for every write. */
    void finish() throws IOException {
        try {
            if (!chunk.isEmpty()) {
                flush();
            }
            long t0 = System.nanoTime();
            List<SegmentWritePipeline.Written<Integer>> done = pipeline.drain();
            writeNanos += System.nanoTime() - t0;
            record(done);
        } finally {
            pipeline.close();
            executor.shutdown();
        }
    }

    private void flush() throws IOException {
        long t0 = System.nanoTime();
        List<SegmentWritePipeline.Written<Integer>> done = pipeline.submit(
                chunks++, List.of(new SegmentWritePipeline.SegmentWrite(NAMESPACE, asset, schema, chunk, order)));
        writeNanos += System.nanoTime() - t0;
        record(done);
        chunk = new ArrayList<>(chunkRows);
    }

    private void record(List<SegmentWritePipeline.Written<Integer>> done) {
        for (SegmentWritePipeline.Written<Integer> w : done) {
            for (StagedSegment segment : w.segments()) {
                written.add(root.resolve(segment.path()));
                bytes += segment.byteSize();
            }
        }
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

    /** Time the source waited for segment writes (encode, hash, fsync, rename, statistics) to finish. */
    long writeNanos() {
        return writeNanos;
    }

    List<Path> files() {
        return written;
    }
}
