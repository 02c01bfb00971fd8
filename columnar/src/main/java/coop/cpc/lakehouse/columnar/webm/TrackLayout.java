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
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A track's frames before AV1: its bit depth (section 5.4), each stream's mode (5.3), frame geometry (section 3) and,
 * per chunk, the frame's samples and the chunk's descriptor.
 */
final class TrackLayout {
    static final int[] BIT_DEPTHS = {8, 10, 12};

    final int bitDepth;
    final int width;
    final int height;
    final List<int[]> frames;
    final List<ChunkDescriptor> chunks;

    /** Whether a stream uses a mode of format version 2 (narrow planes). */
    boolean usesVersion2() {
        return chunks.stream().flatMap(c -> c.streams().stream()).anyMatch(s -> s.narrowPlanes() > 0);
    }

    /** Whether a chunk has a value set (format version 3). */
    boolean usesVersion3() {
        return chunks.stream().anyMatch(c -> c.hasValueSet() || c.encoding() == Encoding.DEFLATE_BYTES);
    }

    private TrackLayout(int bitDepth, int width, int height, List<int[]> frames, List<ChunkDescriptor> chunks) {
        this.bitDepth = bitDepth;
        this.width = width;
        this.height = height;
        this.frames = frames;
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
        // Each stream's cost in every mode at every depth, computed once for both choices below.
        Map<TransformedStream, long[]> costs = new IdentityHashMap<>();
        for (EncodedChunk c : encoded) {
            for (TransformedStream s : c.streams()) {
                costs.put(s, StreamCosts.of(s.residuals(), BIT_DEPTHS, narrow));
            }
        }
        if (bitDepth == 0) {
            bitDepth = chooseBitDepth(encoded, costs);
        }
        int depthIndex = Arrays.binarySearch(BIT_DEPTHS, bitDepth);
        List<ChunkDescriptor> chunks = new ArrayList<>();
        long maxSamples = 0;
        for (EncodedChunk c : encoded) {
            List<StreamDescriptor> streams = new ArrayList<>();
            long samples = 0;
            for (TransformedStream s : c.streams()) {
                long[] u = s.residuals();
                long[] k = costs.get(s);
                int o = PER_DEPTH * depthIndex;
                boolean split = k[o + 1] < k[o];
                int q = k[o + 2] < Math.min(k[o], k[o + 1]) ? (int) k[o + 3] : 0;
                split |= q > 0;
                int limbs = q > 0
                        ? NarrowSplit.limbs(u, bitDepth, q)
                        : split ? LimbSplit.limbs(u, bitDepth) : EscapeSplit.limbs(u, bitDepth);
                int exceptions = split || limbs == 0 ? 0 : EscapeSplit.exceptions(u, bitDepth);
                StreamDescriptor d = new StreamDescriptor(
                        s.length(), s.transform(), s.first(), s.base(), split, exceptions, limbs, q);
                streams.add(d);
                samples += d.sampleCount();
            }
            if (samples > WebmConstants.MAX_CHUNK_SAMPLES) {
                throw new IllegalArgumentException(
                        "a chunk needs " + samples + " samples, more than one AV1 frame holds; use smaller row groups");
            }
            maxSamples = Math.max(maxSamples, samples);
            chunks.add(new ChunkDescriptor(
                    c.rows(),
                    c.nulls(),
                    c.encoding(),
                    c.param(),
                    (int) samples,
                    streams,
                    c.min(),
                    c.max(),
                    valueSets ? c.valueSet() : null));
        }
        int step = WebmConstants.FRAME_HEIGHT_STEP;
        int width = WebmConstants.FRAME_WIDTH;
        // Long strings or many limbs can exceed 256 x 65,536 samples: widen the frame instead.
        while ((maxSamples + width - 1) / width > WebmConstants.MAX_FRAME_HEIGHT - step) {
            width += WebmConstants.FRAME_WIDTH;
        }
        long rowsNeeded = (maxSamples + width - 1) / width;
        int height = (int) Math.max(step, (rowsNeeded + step - 1) / step * step);
        List<int[]> frames = new ArrayList<>();
        for (int i = 0; i < encoded.size(); i++) {
            int[] frame = new int[width * height];
            int pos = 0;
            List<TransformedStream> streams = encoded.get(i).streams();
            for (int j = 0; j < streams.size(); j++) {
                StreamDescriptor d = chunks.get(i).streams().get(j);
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
            frames.add(frame);
        }
        return new TrackLayout(bitDepth, width, height, frames, chunks);
    }

    private static int chooseBitDepth(List<EncodedChunk> encoded, Map<TransformedStream, long[]> costs) {
        int best = BIT_DEPTHS[0];
        long bestCost = Long.MAX_VALUE;
        for (int d = 0; d < BIT_DEPTHS.length; d++) {
            long cost = 0;
            for (EncodedChunk c : encoded) {
                for (TransformedStream s : c.streams()) {
                    long[] k = costs.get(s);
                    cost += Math.min(Math.min(k[PER_DEPTH * d], k[PER_DEPTH * d + 1]), k[PER_DEPTH * d + 2]);
                }
            }
            if (cost < bestCost) {
                best = BIT_DEPTHS[d];
                bestCost = cost;
            }
        }
        return best;
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
