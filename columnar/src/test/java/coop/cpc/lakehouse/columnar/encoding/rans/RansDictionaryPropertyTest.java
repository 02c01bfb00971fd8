package coop.cpc.lakehouse.columnar.encoding.rans;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.encoding.ChunkDecoder;
import coop.cpc.lakehouse.columnar.encoding.ChunkDescriptor;
import coop.cpc.lakehouse.columnar.encoding.ChunkEncoder;
import coop.cpc.lakehouse.columnar.encoding.EncodedChunk;
import coop.cpc.lakehouse.columnar.encoding.Encoding;
import coop.cpc.lakehouse.columnar.encoding.TransformedStream;
import coop.cpc.lakehouse.columnar.encoding.bytes.DeflatedBytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * RANS_DICTIONARY round trips: any alphabet of 1..4,096 entries, counts from uniform to very skewed, a single
 * symbol, through the stream alone and through the chunk encoder and decoder with nulls.
 */
class RansDictionaryPropertyTest {
    private static final ColumnType STRING = ColumnType.of(ColumnType.Kind.STRING);
    private static final ColumnType BYTES = ColumnType.of(ColumnType.Kind.BYTES);

    /** Codes where symbol s is drawn with weight 1 / (s + 1)^skew, every symbol used at least once. */
    private static long[] codes(int symbols, int extra, double skew, long seed) {
        Random r = new Random(seed);
        double[] cumulative = new double[symbols];
        double sum = 0;
        for (int s = 0; s < symbols; s++) {
            sum += 1 / Math.pow(s + 1, skew);
            cumulative[s] = sum;
        }
        long[] codes = new long[symbols + extra];
        for (int i = 0; i < symbols; i++) {
            codes[i] = i;
        }
        for (int i = symbols; i < codes.length; i++) {
            int s = java.util.Arrays.binarySearch(cumulative, r.nextDouble() * sum);
            codes[i] = Math.min(symbols - 1, s < 0 ? -s - 1 : s);
        }
        // Shuffled, so that the symbols used once are not all at the front.
        for (int i = codes.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            long t = codes[i];
            codes[i] = codes[j];
            codes[j] = t;
        }
        return codes;
    }

    /** Distinct entries of 0..20 bytes (entry s starts with its index, so they differ). */
    private static byte[][] entries(int symbols, long seed) {
        Random r = new Random(seed);
        byte[][] entries = new byte[symbols][];
        for (int s = 0; s < symbols; s++) {
            byte[] tail = new byte[r.nextInt(21)];
            r.nextBytes(tail);
            byte[] head = Integer.toString(s).getBytes(StandardCharsets.US_ASCII);
            entries[s] = new byte[head.length + 1 + tail.length];
            System.arraycopy(head, 0, entries[s], 0, head.length);
            entries[s][head.length] = ':';
            System.arraycopy(tail, 0, entries[s], head.length + 1, tail.length);
        }
        return entries;
    }

    @Property(tries = 60)
    void theStreamGivesBackEveryEntryAndCode(
            @ForAll @IntRange(min = 1, max = 4096) int symbols,
            @ForAll @IntRange(min = 0, max = 20_000) int extra,
            @ForAll @DoubleRange(min = 0, max = 4) double skew,
            @ForAll long seed) {
        long[] codes = codes(symbols, extra, skew, seed);
        byte[][] entries = entries(symbols, seed);
        byte[] stream = RansDictionary.encode(entries, codes);
        RansDictionary.Decoded back = RansDictionary.decode(DeflatedBytes.words(stream), stream.length, codes.length);
        assertThat(back.entries()).isDeepEqualTo(entries);
        assertThat(back.codes()).hasSize(codes.length);
        for (int i = 0; i < codes.length; i++) {
            assertThat(back.codes()[i]).isEqualTo((int) codes[i]);
        }
    }

    @Property(tries = 20)
    void aSingleSymbolCostsItsEntryAndTheStateOnly(
            @ForAll @IntRange(min = 1, max = 100_000) int n, @ForAll @IntRange(min = 0, max = 30) int length) {
        byte[] entry = "x".repeat(length).getBytes(StandardCharsets.US_ASCII);
        byte[] stream = RansDictionary.encode(new byte[][] {entry}, new long[n]);
        // Entry count, length, bytes, count (LEB128), then the 4 bytes of the state: nothing per value.
        int countBytes = n < 128 ? 1 : n < 16_384 ? 2 : 3;
        assertThat(stream).hasSize(1 + 1 + length + countBytes + StaticRans.STATE_BYTES);
        RansDictionary.Decoded back = RansDictionary.decode(DeflatedBytes.words(stream), stream.length, n);
        assertThat(back.codes()).containsOnly(0).hasSize(n);
    }

    @Property(tries = 40)
    void chunksWithNullsReadBackWhicheverDictionaryTheWriterTakes(
            @ForAll @IntRange(min = 1, max = 300) int symbols,
            @ForAll @IntRange(min = 1, max = 10_000) int rows,
            @ForAll @DoubleRange(min = 0, max = 3) double skew,
            @ForAll @IntRange(min = 0, max = 50) int nullPercent,
            @ForAll boolean bytes,
            @ForAll long seed) {
        Random r = new Random(seed);
        long[] codes = codes(symbols, rows, skew, seed);
        byte[][] entries = entries(symbols, seed);
        ColumnType type = bytes ? BYTES : STRING;
        Object[] values = new Object[codes.length];
        for (int i = 0; i < values.length; i++) {
            byte[] b = entries[(int) codes[i]];
            values[i] = r.nextInt(100) < nullPercent
                    ? null
                    : bytes ? b.clone() : new String(b, StandardCharsets.ISO_8859_1);
        }
        EncodedChunk chunk = ChunkEncoder.encode(type, values, 4);
        Object[] back = ChunkDecoder.decode(type, descriptor(chunk), streams(chunk));
        assertThat(back).hasSameSizeAs(values);
        for (int i = 0; i < values.length; i++) {
            if (bytes) {
                assertThat((byte[]) back[i]).isEqualTo(values[i]);
            } else {
                assertThat(back[i]).isEqualTo(values[i]);
            }
        }
        if (chunk.encoding() == Encoding.RANS_DICTIONARY) {
            assertThat(ChunkEncoder.encode(type, values, 3).encoding()).isEqualTo(Encoding.DICTIONARY);
        }
    }

    static ChunkDescriptor descriptor(EncodedChunk c) {
        return new ChunkDescriptor(c.rows(), c.nulls(), c.encoding(), c.param(), 0, List.of(), null, null, null);
    }

    /** The chunk's streams before their transforms, as the decoder gets them back from a frame. */
    static List<long[]> streams(EncodedChunk c) {
        List<long[]> out = new ArrayList<>();
        for (TransformedStream s : c.streams()) {
            out.add(s.transform().invert(s.first(), s.base(), s.residuals().clone(), s.length()));
        }
        return out;
    }
}
