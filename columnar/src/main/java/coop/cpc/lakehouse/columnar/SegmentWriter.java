package coop.cpc.lakehouse.columnar;

import coop.cpc.lakehouse.columnar.encoding.ChunkEncoder;
import coop.cpc.lakehouse.columnar.encoding.EncodedChunk;
import coop.cpc.lakehouse.columnar.webm.SegmentContent;
import coop.cpc.lakehouse.columnar.webm.StreamingSegmentEncoder;
import coop.cpc.lakehouse.columnar.webm.WebmSegmentWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Collects rows, maps each full row group to integer streams and, on close, writes the segment. By
 * default the AV1 frames are encoded at close, because a track's bit depth and frame size depend on all
 * of its chunks. With an executor ({@link WebmColumnar.WriteBuilder#encodeAhead}) each full row group is
 * encoded there at once, at the layout guessed from the row groups so far, so the caller's next rows
 * overlap the encoding; close re-encodes the frames whose guess did not hold, and the bytes are the same
 * either way (see {@link StreamingSegmentEncoder}).
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

    private final Set<String> thoroughColumns;
    /** Null unless row groups are encoded as they fill. */
    private final StreamingSegmentEncoder streaming;
    /** Row groups handed to the executor whose encoding may still run, oldest first. */
    private final ArrayDeque<CompletableFuture<Void>> inFlight = new ArrayDeque<>();

    private final int groupsInFlight;
    private boolean abandoned;

    SegmentWriter(
            OutputStream out,
            Schema schema,
            int rowGroupSize,
            String title,
            int bitDepth,
            int threads,
            int formatVersion,
            Set<String> thoroughColumns,
            Executor encoder,
            int groupsInFlight) {
        this.thoroughColumns = thoroughColumns;
        this.streaming = encoder == null
                ? null
                : new StreamingSegmentEncoder(schema, bitDepth, formatVersion, thoroughColumns, encoder);
        this.groupsInFlight = groupsInFlight;
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
        return addRow(row, false);
    }

    /**
     * Adds one row whose values {@link Values#normalize} (or {@link Values#normalizeStored}) returned for the
     * columns of this writer's schema (same types and nullability), in schema order: they are taken as they are,
     * not normalized a second time. The file is the one {@link #add} writes of the same row.
     */
    public SegmentWriter addNormalized(Object... row) {
        return addRow(row, true);
    }

    private SegmentWriter addRow(Object[] row, boolean normalized) {
        if (length >= 0 || closing) {
            throw new IllegalStateException("segment already written");
        }
        if (streaming != null) {
            streaming.rethrowFailure();
        }
        if (row.length != schema.size()) {
            throw new SchemaException("row has " + row.length + " values, the schema " + schema.size() + " columns");
        }
        for (int c = 0; c < row.length; c++) {
            pending[c][pendingRows] = normalized ? row[c] : Values.normalizeStored(schema.column(c), row[c]);
        }
        pendingRows++;
        if (pendingRows == rowGroupSize) {
            flushRowGroup();
        }
        return this;
    }

    /**
     * Adds {@code count} rows gathered from whole columns (values in schema order): row {@code i} takes
     * {@code columns[c][positions[from + i]]} of every column {@code c}, so a reader can hand over a row
     * group's surviving rows without building a row each. A column whose {@code normalized} flag is set holds
     * values this library decoded for the same column (same type and nullability), which are taken as they
     * are; the others are normalized as {@link #add} does. The file is the one adding the rows one by one
     * writes. When a value is rejected, the rows of earlier full row groups stay added; the caller abandons.
     */
    public SegmentWriter addColumns(Object[][] columns, int[] positions, int from, int count, boolean[] normalized) {
        if (length >= 0 || closing) {
            throw new IllegalStateException("segment already written");
        }
        if (streaming != null) {
            streaming.rethrowFailure();
        }
        if (columns.length != schema.size() || normalized.length != schema.size()) {
            throw new SchemaException(
                    "rows have " + columns.length + " columns, the schema " + schema.size() + " columns");
        }
        int done = 0;
        while (done < count) {
            int n = Math.min(count - done, rowGroupSize - pendingRows);
            int at = from + done;
            for (int c = 0; c < columns.length; c++) {
                Object[] source = columns[c];
                Object[] target = pending[c];
                if (normalized[c]) {
                    for (int i = 0; i < n; i++) {
                        target[pendingRows + i] = source[positions[at + i]];
                    }
                } else {
                    Column column = schema.column(c);
                    for (int i = 0; i < n; i++) {
                        target[pendingRows + i] = Values.normalizeStored(column, source[positions[at + i]]);
                    }
                }
            }
            pendingRows += n;
            done += n;
            if (pendingRows == rowGroupSize) {
                flushRowGroup();
            }
        }
        return this;
    }

    /**
     * Ends the current row group here, before it has {@code rowGroupSize} rows (nothing happens when it has no
     * row yet): the rows added next start a new one. A writer that knows where its rows change (a sorted
     * segment's key) cuts its row groups there, so that statistics skip whole runs of a value.
     */
    public SegmentWriter endRowGroup() {
        if (length >= 0 || closing) {
            throw new IllegalStateException("segment already written");
        }
        if (pendingRows > 0) {
            flushRowGroup();
        }
        return this;
    }

    private void flushRowGroup() {
        if (streaming != null) {
            handOff();
            return;
        }
        for (int c = 0; c < schema.size(); c++) {
            Object[] values = Arrays.copyOf(pending[c], pendingRows);
            chunks.get(c).add(ChunkEncoder.encode(schema.column(c).type(), values, formatVersion));
            Arrays.fill(pending[c], null);
        }
        groupRows.add(pendingRows);
        pendingRows = 0;
    }

    /**
     * Gives the full row group's values to the streaming encoder (fresh arrays take their place), after
     * waiting for the oldest row group in flight when {@code groupsInFlight} are.
     */
    private void handOff() {
        Object[][] values = new Object[schema.size()][];
        for (int c = 0; c < values.length; c++) {
            if (pendingRows == rowGroupSize) {
                values[c] = pending[c];
                pending[c] = new Object[rowGroupSize];
            } else {
                values[c] = Arrays.copyOf(pending[c], pendingRows);
                Arrays.fill(pending[c], null);
            }
        }
        while (!inFlight.isEmpty()
                && (inFlight.size() >= groupsInFlight || inFlight.peekFirst().isDone())) {
            inFlight.pollFirst().handle((done, e) -> null).join();
        }
        streaming.rethrowFailure();
        inFlight.addLast(streaming.submit(values, pendingRows));
        groupRows.add(pendingRows);
        pendingRows = 0;
    }

    /**
     * Frames encoded a second time at close because a later row group changed their track's layout (0 when
     * row groups are not encoded ahead).
     */
    public int framesEncodedTwice() {
        return streaming == null ? 0 : streaming.framesEncodedTwice();
    }

    /**
     * Gives up the segment: drops every row (row groups still encoding in the background finish on their
     * own and are dropped) and writes nothing; the caller discards the output. No row may be added afterwards.
     */
    public void abandon() {
        closing = true;
        abandoned = true;
        if (streaming != null) {
            inFlight.clear();
            streaming.abandon();
        }
    }

    /** Encodes and writes the segment; a segment needs at least one row. */
    @Override
    public void close() throws IOException {
        if (length >= 0) {
            return;
        }
        if (abandoned) {
            throw new IllegalStateException("segment abandoned");
        }
        if (pendingRows > 0) {
            flushRowGroup();
        }
        if (groupRows.isEmpty()) {
            throw new SchemaException("a segment needs at least one row");
        }
        byte[] bytes = streaming != null
                ? streaming.finish(title, threads)
                : WebmSegmentWriter.write(new SegmentContent(
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
    public CompletableFuture<Long> closeAsync(Executor executor) {
        if (length >= 0 || closing) {
            return CompletableFuture.completedFuture(length);
        }
        closing = true;
        return CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                close();
                                return length;
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        },
                        executor)
                .handle((n, e) -> {
                    if (e == null) {
                        return n;
                    }
                    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                    if (cause instanceof UncheckedIOException u) {
                        cause = u.getCause();
                    }
                    throw new CompletionException(cause);
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
