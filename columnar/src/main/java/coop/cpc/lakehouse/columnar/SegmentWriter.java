package coop.cpc.lakehouse.columnar;

import coop.cpc.lakehouse.columnar.encoding.ChunkEncoder;
import coop.cpc.lakehouse.columnar.encoding.EncodedChunk;
import coop.cpc.lakehouse.columnar.webm.SegmentContent;
import coop.cpc.lakehouse.columnar.webm.WebmSegmentWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Collects rows, maps each full row group to integer streams and, on close, writes the
 * segment. The AV1 frames are encoded at close because a track's bit depth and frame size
 * depend on all of its chunks.
 */
public final class SegmentWriter implements Closeable {
    private final OutputStream out;
    private final Schema schema;
    private final int rowGroupSize;
    private final String title;
    private final int bitDepth;
    private final int threads;
    private final int formatVersion;
    private final Object[][] pending;
    private int pendingRows;
    private final List<Integer> groupRows = new ArrayList<>();
    private final List<List<EncodedChunk>> chunks = new ArrayList<>();
    private long length = -1;
    /** Set by {@link #closeAsync}: the rows are handed to another thread and no more may be added. */
    private volatile boolean closing;

    private final java.util.Set<String> thoroughColumns;

    SegmentWriter(
            OutputStream out,
            Schema schema,
            int rowGroupSize,
            String title,
            int bitDepth,
            int threads,
            int formatVersion,
            java.util.Set<String> thoroughColumns) {
        this.thoroughColumns = thoroughColumns;
        this.out = out;
        this.formatVersion = formatVersion;
        this.bitDepth = bitDepth;
        this.threads = threads;
        this.schema = schema;
        this.rowGroupSize = rowGroupSize;
        this.title = title;
        this.pending = new Object[schema.size()][rowGroupSize];
        for (int c = 0; c < schema.size(); c++) {
            chunks.add(new ArrayList<>());
        }
    }

    /** Adds one row, values in schema order (see Values for the Java type of each column type). */
    public SegmentWriter add(Object... row) {
        if (length >= 0 || closing) {
            throw new IllegalStateException("segment already written");
        }
        if (row.length != schema.size()) {
            throw new SchemaException("row has " + row.length + " values, the schema " + schema.size() + " columns");
        }
        for (int c = 0; c < row.length; c++) {
            pending[c][pendingRows] = Values.normalize(schema.column(c), row[c]);
        }
        pendingRows++;
        if (pendingRows == rowGroupSize) {
            flushRowGroup();
        }
        return this;
    }

    private void flushRowGroup() {
        for (int c = 0; c < schema.size(); c++) {
            Object[] values = Arrays.copyOf(pending[c], pendingRows);
            chunks.get(c).add(ChunkEncoder.encode(schema.column(c).type(), values, formatVersion >= 3));
            Arrays.fill(pending[c], null);
        }
        groupRows.add(pendingRows);
        pendingRows = 0;
    }

    /** Encodes and writes the segment; a segment needs at least one row. */
    @Override
    public void close() throws IOException {
        if (length >= 0) {
            return;
        }
        if (pendingRows > 0) {
            flushRowGroup();
        }
        if (groupRows.isEmpty()) {
            throw new SchemaException("a segment needs at least one row");
        }
        byte[] bytes = WebmSegmentWriter.write(new SegmentContent(
                schema, title, groupRows, chunks, bitDepth, threads, formatVersion, thoroughColumns));
        out.write(bytes);
        out.flush();
        length = bytes.length;
    }

    /**
     * Closes the segment on {@code executor}: the AV1 encoding and the write to the output stream run there
     * while the caller goes on (reading the next chunk of rows into another writer, for instance), so reading
     * and encoding overlap. Completes with the segment's length, or exceptionally with the IOException or
     * SchemaException that {@link #close()} would throw. No row may be added once this is called; how many
     * segments are in flight at once is the caller's to bound (wait for the future of an earlier one).
     */
    public java.util.concurrent.CompletableFuture<Long> closeAsync(java.util.concurrent.Executor executor) {
        if (length >= 0 || closing) {
            return java.util.concurrent.CompletableFuture.completedFuture(length);
        }
        closing = true;
        return java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                close();
                                return length;
                            } catch (IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        },
                        executor)
                .handle((n, e) -> {
                    if (e == null) {
                        return n;
                    }
                    Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                            ? e.getCause()
                            : e;
                    if (cause instanceof java.io.UncheckedIOException u) {
                        cause = u.getCause();
                    }
                    throw new java.util.concurrent.CompletionException(cause);
                });
    }

    /** The segment's size in bytes, once closed. */
    public long length() {
        if (length < 0) {
            throw new IllegalStateException("segment not written yet");
        }
        return length;
    }
}
