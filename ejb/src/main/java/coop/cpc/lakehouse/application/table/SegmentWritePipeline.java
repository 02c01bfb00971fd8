package coop.cpc.lakehouse.application.table;

import coop.cpc.lakehouse.columnar.Schema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.logging.Logger;

/**
 * Writes the segments of an ingestion's chunks on an executor while the caller reads the next chunk.
 * At most {@code maxInFlight} chunks are submitted and not yet handed back, so memory holds that many
 * chunks' rows besides the one being read. Chunks are handed back in the order they were submitted,
 * each only once every segment of it is durable ({@link SegmentFiles#write}: forced to disk and
 * renamed into place), so a caller that records a chunk's checkpoint with its handed-back segments
 * never counts a chunk whose file could still be lost.
 *
 * <p>A failed write is thrown (its own IOException or RuntimeException) by the {@link #submit} or
 * {@link #drain} that reaches its chunk, which then hands back nothing; {@link #close} waits for what
 * still runs and deletes the files of every chunk not handed back. Not thread-safe: one reader thread calls it.
 *
 * @param <T> what the caller keeps with a chunk (its checkpoint, what to record of it)
 */
public final class SegmentWritePipeline<T> implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SegmentWritePipeline.class.getName());

    /** One segment to write: rows in the schema's column order, for one asset, sorted in its sort order when written. */
    public record SegmentWrite(String namespace, String asset, Schema schema, List<Object[]> rows, SortOrder order) {

        /** Rows written in the order they are given. */
        public SegmentWrite(String namespace, String asset, Schema schema, List<Object[]> rows) {
            this(namespace, asset, schema, rows, SortOrder.none());
        }
    }

    /** A chunk handed back: its segments, durable, in the order of its writes. */
    public record Written<T>(T chunk, List<StagedSegment> segments) {}

    private record InFlight<T>(T chunk, List<CompletableFuture<StagedSegment>> segments) {}

    private final SegmentFiles files;
    private final Executor executor;
    private final int maxInFlight;
    private final ArrayDeque<InFlight<T>> inFlight = new ArrayDeque<>();
    private boolean closed;

    /** @param maxInFlight chunks that may be written while the caller reads on, at least 1 */
    public SegmentWritePipeline(SegmentFiles files, Executor executor, int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("chunks in flight must be at least 1, got " + maxInFlight);
        }
        this.files = files;
        this.executor = executor;
        this.maxInFlight = maxInFlight;
    }

    /**
     * Starts writing a chunk's segments and hands back the chunks that are durable by now, oldest
     * first: those that completed meanwhile, and, when more than {@code maxInFlight} would be in
     * flight, the oldest after waiting for it.
     */
    public List<Written<T>> submit(T chunk, List<SegmentWrite> writes) throws IOException {
        requireOpen();
        List<CompletableFuture<StagedSegment>> segments = new ArrayList<>(writes.size());
        for (SegmentWrite write : writes) {
            segments.add(CompletableFuture.supplyAsync(() -> write(write), executor));
        }
        inFlight.addLast(new InFlight<>(chunk, segments));
        return handBack(false);
    }

    /** Waits for every chunk in flight and hands them all back, oldest first. */
    public List<Written<T>> drain() throws IOException {
        requireOpen();
        return handBack(true);
    }

    /**
     * The oldest chunks: all of them, or those beyond maxInFlight and then those already done. When a
     * write failed, nothing is handed back and every chunk stays in flight, for {@link #close} to delete.
     */
    private List<Written<T>> handBack(boolean all) throws IOException {
        List<InFlight<T>> taken = new ArrayList<>();
        List<Written<T>> done = new ArrayList<>();
        try {
            while (!inFlight.isEmpty()
                    && (all
                            || inFlight.size() > maxInFlight
                            || inFlight.peekFirst().segments().stream().allMatch(CompletableFuture::isDone))) {
                InFlight<T> oldest = inFlight.peekFirst();
                done.add(await(oldest));
                taken.add(inFlight.removeFirst());
            }
        } catch (IOException | RuntimeException | Error e) {
            for (int i = taken.size() - 1; i >= 0; i--) {
                inFlight.addFirst(taken.get(i));
            }
            throw e;
        }
        return done;
    }

    /** Chunks submitted and not handed back yet. */
    public int inFlight() {
        return inFlight.size();
    }

    /**
     * Waits for the writes still running and deletes the files of every chunk not handed back (a
     * failed or abandoned run): they were never recorded, so nothing refers to them.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (InFlight<T> chunk : inFlight) {
            for (CompletableFuture<StagedSegment> segment : chunk.segments()) {
                StagedSegment written;
                try {
                    written = segment.join();
                } catch (CompletionException | java.util.concurrent.CancellationException e) {
                    continue;
                }
                deleteQuietly(written);
            }
        }
        inFlight.clear();
    }

    /**
     * Deletes the files of chunks handed back but never recorded: the caller failed to record an
     * earlier chunk of the same hand-back, so nothing will refer to these.
     */
    public void discard(List<Written<T>> chunks) {
        for (Written<T> chunk : chunks) {
            chunk.segments().forEach(this::deleteQuietly);
        }
    }

    private void deleteQuietly(StagedSegment written) {
        try {
            files.delete(written);
        } catch (IOException | RuntimeException e) {
            LOG.warning(() -> "Cannot delete " + written.path() + " of an abandoned chunk: " + e.getMessage()
                    + " (orphan cleanup will)");
        }
    }

    private Written<T> await(InFlight<T> chunk) throws IOException {
        List<StagedSegment> segments = new ArrayList<>(chunk.segments().size());
        for (CompletableFuture<StagedSegment> segment : chunk.segments()) {
            segments.add(await(segment));
        }
        return new Written<>(chunk.chunk(), List.copyOf(segments));
    }

    private static StagedSegment await(CompletableFuture<StagedSegment> segment) throws IOException {
        try {
            return segment.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while a segment was written", e);
        } catch (ExecutionException e) {
            throw SegmentTaskFailures.toIOException(e.getCause());
        }
    }

    private StagedSegment write(SegmentWrite write) {
        try {
            if (write.order().isNone()) {
                return files.write(write.namespace(), write.asset(), write.schema(), write.rows());
            }
            return files.write(write.namespace(), write.asset(), "data", write.schema(), write.rows(), write.order());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("segment pipeline is closed");
        }
    }
}
