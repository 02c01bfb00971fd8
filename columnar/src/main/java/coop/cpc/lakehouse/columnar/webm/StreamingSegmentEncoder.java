package coop.cpc.lakehouse.columnar.webm;

import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.columnar.av1.SearchPreset;
import coop.cpc.lakehouse.columnar.encoding.ChunkDescriptor;
import coop.cpc.lakehouse.columnar.encoding.ChunkEncoder;
import coop.cpc.lakehouse.columnar.encoding.EncodedChunk;
import coop.cpc.lakehouse.columnar.encoding.Encoding;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;

/**
 * Encodes a segment row group by row group as its writer fills them, on the caller's executor: each
 * column's chunk is mapped to integer streams, costed, and its AV1 frame encoded at once, at the bit depth,
 * frame size and search preset its track would have if no later chunk changed them (a guess from the chunks
 * encoded so far). {@link #finish} lays the tracks out from every chunk exactly as {@link
 * WebmSegmentWriter#write} does; a frame whose guess holds is kept and the others are encoded again, so the
 * bytes are those of {@code write} for the same rows. A track's guess fails only when a later chunk needs a
 * taller frame or moves the cheapest bit depth (then its earlier frames are encoded twice).
 *
 * <p>One thread submits and finishes; the tasks run on the executor. A failed task is thrown by the next
 * {@link #submit}, {@link #rethrowFailure} or {@link #finish}.
 */
public final class StreamingSegmentEncoder {
    private final Schema schema;
    private final int bitDepth;
    private final int formatVersion;
    private final Set<String> thoroughColumns;
    private final Executor executor;
    private final BiFunction<ColumnType, Object[], EncodedChunk> mapper;
    private final Track[] tracks;
    private final List<Integer> groupRows = new ArrayList<>();
    private final List<Chunk[]> groups = new ArrayList<>();
    private final List<CompletableFuture<Void>> tasks = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicInteger framesEncodedTwice = new AtomicInteger();

    /** What a track's guesses so far were made from: summed depth costs, largest chunk per depth, byte streams seen. */
    private static final class Track {
        final long[] depthCosts = new long[TrackLayout.BIT_DEPTHS.length];
        final long[] maxSamples = new long[TrackLayout.BIT_DEPTHS.length];
        boolean lengthBytes;
        boolean deflatedOnly = true;
    }

    /** A frame encoded before its track's layout was known, with what it was encoded at. */
    private record GuessedFrame(int bitDepth, int width, int height, SearchPreset preset, byte[] block) {
        boolean holdsFor(TrackLayout layout, SearchPreset finalPreset) {
            return bitDepth == layout.bitDepth
                    && width == layout.width
                    && height == layout.height
                    && preset == finalPreset;
        }
    }

    /** One column's chunk of one row group, once its task ran. */
    private record Chunk(EncodedChunk encoded, long[][] costs, GuessedFrame frame) {}

    /**
     * @param bitDepth        forced on every track, or 0 to choose per track (as the writer's option)
     * @param formatVersion   the newest format version the segment may use
     * @param thoroughColumns columns encoded with the thorough search preset
     * @param executor        runs one task per column of each submitted row group
     */
    public StreamingSegmentEncoder(
            Schema schema, int bitDepth, int formatVersion, Set<String> thoroughColumns, Executor executor) {
        this(schema, bitDepth, formatVersion, thoroughColumns, executor, null);
    }

    /** With {@code mapper} in place of the chunk encoder (null: {@link ChunkEncoder}); tests make it fail. */
    StreamingSegmentEncoder(
            Schema schema,
            int bitDepth,
            int formatVersion,
            Set<String> thoroughColumns,
            Executor executor,
            BiFunction<ColumnType, Object[], EncodedChunk> mapper) {
        this.schema = schema;
        this.bitDepth = bitDepth;
        this.formatVersion = formatVersion;
        this.thoroughColumns = Set.copyOf(thoroughColumns);
        this.executor = executor;
        this.mapper = mapper != null ? mapper : (type, values) -> ChunkEncoder.encode(type, values, formatVersion);
        this.tracks = new Track[schema.size()];
        for (int c = 0; c < tracks.length; c++) {
            tracks[c] = new Track();
        }
    }

    /**
     * Starts encoding the next row group: {@code columns[c]} holds column c's normalized values, exactly
     * {@code rows} of them. The arrays now belong to the encoder. The future completes when every column's
     * chunk and guessed frame are done (exceptionally if one failed).
     */
    public CompletableFuture<Void> submit(Object[][] columns, int rows) {
        rethrowFailure();
        if (columns.length != schema.size()) {
            throw new IllegalArgumentException(
                    "row group has " + columns.length + " columns, the schema " + schema.size());
        }
        Chunk[] chunks = new Chunk[columns.length];
        CompletableFuture<?>[] perColumn = new CompletableFuture<?>[columns.length];
        for (int c = 0; c < columns.length; c++) {
            int column = c;
            Object[] values = columns[c];
            columns[c] = null;
            perColumn[c] = CompletableFuture.runAsync(() -> chunks[column] = encode(column, values), executor);
        }
        CompletableFuture<Void> group = CompletableFuture.allOf(perColumn).whenComplete((done, e) -> {
            if (e != null) {
                failure.compareAndSet(null, unwrap(e));
            }
        });
        groups.add(chunks);
        groupRows.add(rows);
        tasks.add(group);
        return group;
    }

    /** Throws the first failure of a task, if one failed by now (its own RuntimeException or Error). */
    public void rethrowFailure() {
        Throwable e = failure.get();
        if (e instanceof RuntimeException r) {
            throw r;
        }
        if (e instanceof Error err) {
            throw err;
        }
        if (e != null) {
            throw new IllegalStateException("a row group could not be encoded: " + e.getMessage(), e);
        }
    }

    /** Row groups submitted so far. */
    public int rowGroups() {
        return groups.size();
    }

    /** Frames whose guessed layout did not hold, encoded a second time by {@link #finish}. */
    public int framesEncodedTwice() {
        return framesEncodedTwice.get();
    }

    /**
     * Waits for every row group, lays the tracks out and returns the segment's bytes (encoding again the
     * frames whose guess failed, on up to {@code threads} threads).
     */
    public byte[] finish(String title, int threads) throws IOException {
        for (CompletableFuture<Void> task : tasks) {
            task.handle((done, e) -> null).join();
        }
        rethrowFailure();
        int columns = schema.size();
        int groupCount = groups.size();
        List<List<EncodedChunk>> encoded = new ArrayList<>(columns);
        List<List<long[][]>> costs = new ArrayList<>(columns);
        for (int c = 0; c < columns; c++) {
            List<EncodedChunk> e = new ArrayList<>(groupCount);
            List<long[][]> k = new ArrayList<>(groupCount);
            for (Chunk[] group : groups) {
                e.add(group[c].encoded());
                k.add(group[c].costs());
            }
            encoded.add(e);
            costs.add(k);
        }
        SegmentContent content = new SegmentContent(
                schema, title, groupRows, encoded, bitDepth, threads, formatVersion, thoroughColumns);
        List<TrackLayout> layouts = new ArrayList<>(columns);
        List<SearchPreset> presets = new ArrayList<>(columns);
        for (int c = 0; c < columns; c++) {
            TrackLayout layout = TrackLayout.of(encoded.get(c), costs.get(c), bitDepth, formatVersion >= 3);
            layouts.add(layout);
            presets.add(WebmSegmentWriter.preset(content, layout, c));
        }
        byte[][] frames = new byte[columns * groupCount][];
        List<Integer> again = new ArrayList<>();
        for (int i = 0; i < frames.length; i++) {
            int c = i / groupCount;
            GuessedFrame guess = groups.get(i % groupCount)[c].frame();
            if (guess.holdsFor(layouts.get(c), presets.get(c))) {
                frames[i] = guess.block();
            } else {
                again.add(i);
            }
        }
        framesEncodedTwice.set(again.size());
        List<byte[]> encodedAgain = ParallelTasks.run(threads, again.size(), j -> {
            int i = again.get(j);
            return Av1TrackCodec.encodeFrame(layouts.get(i / groupCount), i % groupCount, presets.get(i / groupCount));
        });
        for (int j = 0; j < again.size(); j++) {
            frames[again.get(j)] = encodedAgain.get(j);
        }
        return WebmSegmentWriter.layOut(content, layouts, Arrays.asList(frames));
    }

    /**
     * Forgets every row group (the writer was abandoned). Tasks still queued or running finish on their own
     * and are dropped: they write nothing, so there is nothing to wait for (and an executor already shut
     * down cannot make this hang).
     */
    public void abandon() {
        tasks.clear();
        groups.clear();
        groupRows.clear();
    }

    private Chunk encode(int column, Object[] values) {
        EncodedChunk encoded = mapper.apply(schema.column(column).type(), values);
        long[][] costs = TrackLayout.costs(encoded, formatVersion >= 2);
        return new Chunk(encoded, costs, guess(column, encoded, costs));
    }

    /** The chunk's frame at the layout its track would have if the chunks so far were all of them. */
    private GuessedFrame guess(int column, EncodedChunk encoded, long[][] costs) {
        Track track = tracks[column];
        int depth = bitDepth;
        if (depth == 0) {
            long[] chunkCosts = TrackLayout.depthCosts(costs);
            synchronized (track) {
                for (int d = 0; d < chunkCosts.length; d++) {
                    track.depthCosts[d] += chunkCosts[d];
                }
                depth = TrackLayout.cheapestDepth(track.depthCosts);
            }
        }
        ChunkDescriptor descriptor = TrackLayout.describe(encoded, costs, depth, false);
        int depthIndex = Arrays.binarySearch(TrackLayout.BIT_DEPTHS, depth);
        long maxSamples;
        boolean lengthBytes;
        boolean deflatedOnly;
        synchronized (track) {
            track.maxSamples[depthIndex] = Math.max(track.maxSamples[depthIndex], descriptor.sampleCount());
            maxSamples = track.maxSamples[depthIndex];
            track.lengthBytes |= encoded.encoding() == Encoding.LENGTH_BYTES;
            lengthBytes = track.lengthBytes;
            track.deflatedOnly &= encoded.encoding() == Encoding.DEFLATE_BYTES;
            deflatedOnly = track.deflatedOnly;
        }
        int width = TrackLayout.width(maxSamples);
        int height = TrackLayout.height(maxSamples, width);
        SearchPreset preset =
                WebmSegmentWriter.preset(thoroughColumns, schema.column(column).name(), lengthBytes, deflatedOnly);
        int[] samples = TrackLayout.frame(encoded, descriptor, depth, width, height);
        return new GuessedFrame(
                depth, width, height, preset, Av1TrackCodec.encodeFrame(samples, width, height, depth, preset));
    }

    private static Throwable unwrap(Throwable e) {
        while (e instanceof CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
