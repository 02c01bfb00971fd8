package coop.cpc.lakehouse.columnar.webm;

import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.PrimitiveChunk;
import coop.cpc.lakehouse.columnar.encoding.ChunkDecoder;
import coop.cpc.lakehouse.columnar.encoding.ChunkDescriptor;
import coop.cpc.lakehouse.columnar.encoding.EncodedChunk;
import coop.cpc.lakehouse.columnar.encoding.Encoding;
import coop.cpc.lakehouse.columnar.encoding.StreamDescriptor;
import coop.cpc.lakehouse.columnar.encoding.TransformedStream;
import coop.cpc.lakehouse.columnar.encoding.escape.EscapeSplit;
import coop.cpc.lakehouse.columnar.encoding.escape.LimbSplit;
import coop.cpc.lakehouse.columnar.encoding.escape.NarrowSplit;
import coop.cpc.lakehouse.columnar.encoding.escape.StreamCosts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A track's frames before AV1: its bit depth (section 5.4), each stream's mode (5.3), frame geometry (section 3) and,
 * per chunk, the frame's samples and the chunk's descriptor.
 */
final class TrackLayout {
    static final int[] BIT_DEPTHS = {8, 10, 12};

    /**
     * Samples of the largest frame a writer makes, for a chunk of {@link WebmConstants#MAX_CHUNK_SAMPLES}: 4,352 x
     * 61,688. Readers refuse larger tracks, so no file makes them allocate a larger frame.
     */
    static final long MAX_FRAME_SAMPLES = (long) width(WebmConstants.MAX_CHUNK_SAMPLES)
            * height(WebmConstants.MAX_CHUNK_SAMPLES, width(WebmConstants.MAX_CHUNK_SAMPLES));

    final int bitDepth;
    final int width;
    final int height;
    final List<ChunkDescriptor> chunks;
    private final List<EncodedChunk> encoded;

    /** Whether a stream uses a mode of format version 2 (narrow planes). */
    boolean usesVersion2() {
        return chunks.stream().flatMap(c -> c.streams().stream()).anyMatch(s -> s.narrowPlanes() > 0);
    }

    /** Whether a chunk is a rANS dictionary (format version 4). */
    boolean usesVersion4() {
        return chunks.stream().anyMatch(c -> c.encoding() == Encoding.RANS_DICTIONARY);
    }

    /** Whether a chunk has a value set or deflated bytes (format version 3). */
    boolean usesVersion3() {
        return chunks.stream().anyMatch(c -> c.hasValueSet() || c.encoding() == Encoding.DEFLATE_BYTES);
    }

    private TrackLayout(int bitDepth, int width, int height, List<EncodedChunk> encoded, List<ChunkDescriptor> chunks) {
        this.bitDepth = bitDepth;
        this.width = width;
        this.height = height;
        this.encoded = encoded;
        this.chunks = chunks;
    }

    /** Per stream and depth: costs of escape, split and narrow split mode, and the narrow planes. */
    private static final int PER_DEPTH = StreamCosts.PER_DEPTH;

    /** The layout at the given bit depth, or at the cheapest one if bitDepth is 0 (format version 1 modes only). */
    static TrackLayout of(List<EncodedChunk> encoded, int bitDepth) {
        return of(encoded, bitDepth, false);
    }

    /**
     * The layout at the given bit depth, or at the cheapest one if bitDepth is 0; with {@code narrow}, streams
     * may also take the narrow split mode of format version 2 where it is estimated cheaper.
     */
    static TrackLayout of(List<EncodedChunk> encoded, int bitDepth, boolean narrow) {
        return of(encoded, bitDepth, narrow, false);
    }

    /** As {@link #of(List, int, boolean)}; with {@code valueSets}, chunks keep their value sets (format version 3). */
    static TrackLayout of(List<EncodedChunk> encoded, int bitDepth, boolean narrow, boolean valueSets) {
        List<long[][]> costs = new ArrayList<>(encoded.size());
        for (EncodedChunk c : encoded) {
            costs.add(costs(c, narrow));
        }
        return of(encoded, costs, bitDepth, valueSets);
    }

    /**
     * As {@link #of(List, int, boolean, boolean)} with each chunk's {@link #costs} computed already (a streaming
     * writer computes them as each row group is full).
     */
    static TrackLayout of(List<EncodedChunk> encoded, List<long[][]> costs, int bitDepth, boolean valueSets) {
        if (bitDepth == 0) {
            bitDepth = chooseBitDepth(costs);
        }
        List<ChunkDescriptor> chunks = new ArrayList<>(encoded.size());
        long maxSamples = 0;
        for (int i = 0; i < encoded.size(); i++) {
            ChunkDescriptor d = describe(encoded.get(i), costs.get(i), bitDepth, valueSets);
            maxSamples = Math.max(maxSamples, d.sampleCount());
            chunks.add(d);
        }
        int width = width(maxSamples);
        return new TrackLayout(bitDepth, width, height(maxSamples, width), List.copyOf(encoded), chunks);
    }

    /** Each stream's cost in every mode at every depth ({@link StreamCosts#of}), in stream order. */
    static long[][] costs(EncodedChunk chunk, boolean narrow) {
        long[][] costs = new long[chunk.streams().size()][];
        for (int j = 0; j < costs.length; j++) {
            costs[j] = StreamCosts.of(chunk.streams().get(j).residuals(), BIT_DEPTHS, narrow);
        }
        return costs;
    }

    /** The chunk's cost at each of {@link #BIT_DEPTHS}, in the cheapest mode of every stream. */
    static long[] depthCosts(long[][] costs) {
        long[] out = new long[BIT_DEPTHS.length];
        for (int d = 0; d < BIT_DEPTHS.length; d++) {
            for (long[] k : costs) {
                out[d] += Math.min(Math.min(k[PER_DEPTH * d], k[PER_DEPTH * d + 1]), k[PER_DEPTH * d + 2]);
            }
        }
        return out;
    }

    /** The depth of {@link #BIT_DEPTHS} with the lowest summed cost (the lowest depth on a tie). */
    static int cheapestDepth(long[] depthCosts) {
        int best = BIT_DEPTHS[0];
        long bestCost = Long.MAX_VALUE;
        for (int d = 0; d < BIT_DEPTHS.length; d++) {
            if (depthCosts[d] < bestCost) {
                best = BIT_DEPTHS[d];
                bestCost = depthCosts[d];
            }
        }
        return best;
    }

    /** The chunk's descriptor at {@code bitDepth}: each stream's mode from its costs, the sample count. */
    static ChunkDescriptor describe(EncodedChunk c, long[][] costs, int bitDepth, boolean valueSets) {
        int o = PER_DEPTH * Arrays.binarySearch(BIT_DEPTHS, bitDepth);
        List<StreamDescriptor> streams = new ArrayList<>();
        long samples = 0;
        for (int j = 0; j < c.streams().size(); j++) {
            TransformedStream s = c.streams().get(j);
            if (s.length() > ChunkDescriptor.MAX_STREAM_LENGTH) {
                throw new IllegalArgumentException("a chunk's stream holds " + s.length()
                        + " values, more than the format's " + ChunkDescriptor.MAX_STREAM_LENGTH
                        + "; use smaller row groups");
            }
            long[] u = s.residuals();
            long[] k = costs[j];
            boolean split = k[o + 1] < k[o];
            int q = k[o + 2] < Math.min(k[o], k[o + 1]) ? (int) k[o + 3] : 0;
            split |= q > 0;
            int limbs = q > 0
                    ? NarrowSplit.limbs(u, bitDepth, q)
                    : split ? LimbSplit.limbs(u, bitDepth) : EscapeSplit.limbs(u, bitDepth);
            int exceptions = split || limbs == 0 ? 0 : EscapeSplit.exceptions(u, bitDepth);
            StreamDescriptor d =
                    new StreamDescriptor(s.length(), s.transform(), s.first(), s.base(), split, exceptions, limbs, q);
            streams.add(d);
            samples += d.sampleCount();
        }
        if (samples > WebmConstants.MAX_CHUNK_SAMPLES) {
            throw new IllegalArgumentException(
                    "a chunk needs " + samples + " samples, more than one AV1 frame holds; use smaller row groups");
        }
        return new ChunkDescriptor(
                c.rows(),
                c.nulls(),
                c.encoding(),
                c.param(),
                (int) samples,
                streams,
                c.min(),
                c.max(),
                valueSets ? c.valueSet() : null);
    }

    /** The frame width for the track's largest chunk: long strings or many limbs widen it past 256 x 65,536. */
    static int width(long maxSamples) {
        int step = WebmConstants.FRAME_HEIGHT_STEP;
        int width = WebmConstants.FRAME_WIDTH;
        while ((maxSamples + width - 1) / width > WebmConstants.MAX_FRAME_HEIGHT - step) {
            width += WebmConstants.FRAME_WIDTH;
        }
        return width;
    }

    /** The frame height for the track's largest chunk at {@code width}: a multiple of the height step. */
    static int height(long maxSamples, int width) {
        int step = WebmConstants.FRAME_HEIGHT_STEP;
        long rowsNeeded = (maxSamples + width - 1) / width;
        return (int) Math.max(step, (rowsNeeded + step - 1) / step * step);
    }

    /** The samples of frame {@code i} (built when asked: a track's frames need not all be in memory at once). */
    int[] frame(int i) {
        return frame(encoded.get(i), chunks.get(i), bitDepth, width, height);
    }

    /** A chunk's frame: its streams' samples in the modes of its descriptor, then padding. */
    static int[] frame(EncodedChunk chunk, ChunkDescriptor descriptor, int bitDepth, int width, int height) {
        int[] frame = new int[width * height];
        int pos = 0;
        List<TransformedStream> streams = chunk.streams();
        for (int j = 0; j < streams.size(); j++) {
            StreamDescriptor d = descriptor.streams().get(j);
            long[] u = streams.get(j).residuals();
            pos = d.narrowPlanes() > 0
                    ? NarrowSplit.write(u, bitDepth, d.limbs(), d.narrowPlanes(), frame, pos)
                    : d.split()
                            ? LimbSplit.write(u, bitDepth, d.limbs(), frame, pos)
                            : EscapeSplit.write(u, bitDepth, d.limbs(), frame, pos);
        }
        // Padding repeats the last sample: AV1 predicts a constant run at almost no cost.
        int pad = pos == 0 ? 0 : frame[pos - 1];
        Arrays.fill(frame, pos, frame.length, pad);
        return frame;
    }

    private static int chooseBitDepth(List<long[][]> costs) {
        long[] total = new long[BIT_DEPTHS.length];
        for (long[][] chunk : costs) {
            long[] c = depthCosts(chunk);
            for (int d = 0; d < total.length; d++) {
                total[d] += c[d];
            }
        }
        return cheapestDepth(total);
    }

    /**
     * The values of a chunk from its frame's samples. Inconsistencies are
     * IllegalArgumentExceptions that the reader turns into CorruptSegmentExceptions.
     */
    static Object[] decodeChunk(ColumnType type, ChunkDescriptor d, int[] samples, int bitDepth) {
        return ChunkDecoder.decode(type, d, streams(d, samples, bitDepth));
    }

    /** A numeric chunk as primitives, from its frame's samples. */
    static PrimitiveChunk decodePrimitive(
            ColumnType type, int rowGroup, ChunkDescriptor d, int[] samples, int bitDepth) {
        return ChunkDecoder.decodePrimitive(type, rowGroup, d, streams(d, samples, bitDepth));
    }

    /** The chunk's integer streams, transforms inverted. */
    private static List<long[]> streams(ChunkDescriptor d, int[] samples, int bitDepth) {
        if (d.sampleCount() > samples.length) {
            throw new IllegalArgumentException("chunk has more samples than its frame");
        }
        long total = 0;
        for (StreamDescriptor s : d.streams()) {
            total += s.sampleCount();
        }
        if (total != d.sampleCount()) {
            throw new IllegalArgumentException("stream sample counts do not add up");
        }
        List<long[]> streams = new ArrayList<>();
        int pos = 0;
        for (StreamDescriptor s : d.streams()) {
            long[] residuals = s.narrowPlanes() > 0
                    ? NarrowSplit.read(samples, pos, s.residualCount(), bitDepth, s.limbs(), s.narrowPlanes())
                    : s.split()
                            ? LimbSplit.read(samples, pos, s.residualCount(), bitDepth, s.limbs())
                            : EscapeSplit.read(samples, pos, s.residualCount(), bitDepth, s.exceptions(), s.limbs());
            if (residuals == null) {
                throw new IllegalArgumentException("escapes do not match the exception count");
            }
            pos += (int) s.sampleCount();
            streams.add(s.transform().invert(s.first(), s.base(), residuals, s.length()));
        }
        return streams;
    }
}
