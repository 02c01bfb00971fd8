package coop.cpc.lakehouse.columnar.encoding.rans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.ThreadAllocation;
import coop.cpc.lakehouse.columnar.encoding.ChunkDecoder;
import coop.cpc.lakehouse.columnar.encoding.ChunkDescriptor;
import coop.cpc.lakehouse.columnar.encoding.ChunkEncoder;
import coop.cpc.lakehouse.columnar.encoding.Encoding;
import coop.cpc.lakehouse.columnar.encoding.bytes.DeflatedBytes;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What a crafted RANS_DICTIONARY stream may claim, and what the writer chooses. */
class RansDictionaryTest {
    private static final ColumnType STRING = ColumnType.of(ColumnType.Kind.STRING);

    /** "a" twice and "b" once: entry count 2, (1, 'a', 2), (1, 'b', 1), then the rANS bytes of a, b, a. */
    private static final byte[][] ENTRIES = {{'a'}, {'b'}};

    private static final long[] CODES = {0, 1, 0};

    private static byte[] stream() {
        return RansDictionary.encode(ENTRIES, CODES);
    }

    private static RansDictionary.Decoded decode(byte[] stream, int present) {
        return RansDictionary.decode(DeflatedBytes.words(stream), stream.length, present);
    }

    /** A stream of these header bytes followed by the valid rANS bytes of the codes above. */
    private static byte[] withHeader(int... header) {
        byte[] valid = stream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int b : header) {
            out.write(b);
        }
        out.write(valid, 7, valid.length - 7);
        return out.toByteArray();
    }

    @Test
    void laysOutTheEntriesTheirCountsAndThenTheCodedBytes() {
        byte[] s = stream();
        assertThat(Arrays.copyOf(s, 7)).containsExactly(2, 1, 'a', 2, 1, 'b', 1);
        assertThat(s).hasSize(7 + StaticRans.STATE_BYTES);
        RansDictionary.Decoded back = decode(s, 3);
        assertThat(back.entries()).isDeepEqualTo(ENTRIES);
        assertThat(back.codes()).containsExactly(0, 1, 0);
    }

    @Test
    void refusesAnEntryCountAboveTheValues() {
        assertThatThrownBy(() -> decode(withHeader(4, 1, 'a', 2, 1, 'b', 1), 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("entry count above 3");
    }

    @Test
    void refusesAnEmptyDictionary() {
        assertThatThrownBy(() -> decode(withHeader(0), 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("entry count 0 for 3 values");
    }

    @Test
    void refusesCountsThatDoNotSumToTheValues() {
        assertThatThrownBy(() -> decode(withHeader(2, 1, 'a', 1, 1, 'b', 1), 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("entry counts sum to 2, not 3 values");
        // The first entry takes all three values: none is left for the second.
        assertThatThrownBy(() -> decode(withHeader(2, 1, 'a', 3, 1, 'b', 1), 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("entry count of values above 0");
        assertThatThrownBy(() -> decode(withHeader(2, 1, 'a', 0, 1, 'b', 3), 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("entry 0 has count 0");
    }

    @Test
    void refusesCountsThatDoNotMatchTheCodes() {
        // Counts (1, 2) sum to 3 but give other frequencies: the codes decode to something else, or not at all.
        assertThatThrownBy(() -> decode(withHeader(2, 1, 'a', 1, 1, 'b', 2), 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("rANS ");
    }

    @Test
    void refusesAnEntryLongerThanTheStreamBeforeAllocatingIt() {
        // Entry length 2^31 - 1 in five LEB128 bytes, in a stream of a few bytes.
        byte[] s = withHeader(2, 0xFF, 0xFF, 0xFF, 0xFF, 0x07);
        ThreadAllocation.Measured m = ThreadAllocation.of(() -> decode(s, 3));
        assertThat(m.thrown())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("entry length above ");
        assertThat(m.bytes()).isLessThan(1 << 20);
    }

    @Test
    void refusesNumbersNotInMinimalForm() {
        assertThatThrownBy(() -> decode(withHeader(0x82, 0x00, 1, 'a', 2, 1, 'b', 1), 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("entry count not in minimal LEB128");
    }

    @Test
    void refusesCodedBytesCutShortOrLeftOver() {
        byte[] s = stream();
        byte[] extra = Arrays.copyOf(s, s.length + 1);
        assertThatThrownBy(() -> decode(extra, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rANS bytes left over after the last code");
        byte[] cut = Arrays.copyOf(s, s.length - 1);
        assertThatThrownBy(() -> decode(cut, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rANS bytes shorter than the state");
    }

    @Test
    void refusesAStateOutsideItsRangeOrNotEndingWhereItStarted() {
        byte[] s = stream();
        byte[] low = s.clone();
        low[7] = 0;
        low[8] = 0;
        assertThatThrownBy(() -> decode(low, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rANS initial state outside [2^23, 2^31)");
        byte[] high = s.clone();
        high[7] = (byte) 0x80;
        assertThatThrownBy(() -> decode(high, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rANS initial state outside [2^23, 2^31)");
        byte[] other = s.clone();
        other[10] ^= 1;
        assertThatThrownBy(() -> decode(other, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rANS final state is not 2^23");
    }

    @Test
    void refusesWordsAbove48BitsAndPaddingThatIsNotZero() {
        byte[] s = stream();
        long[] words = DeflatedBytes.words(s);
        long[] wide = words.clone();
        wide[0] |= 1L << 48;
        assertThatThrownBy(() -> RansDictionary.decode(wide, s.length, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("word 0 above 2^48");
        long[] padded = words.clone();
        padded[padded.length - 1] |= 1;
        assertThatThrownBy(() -> RansDictionary.decode(padded, s.length, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("padding after the last byte is not zero");
        assertThatThrownBy(() -> RansDictionary.decode(words, s.length + 6, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("2 words do not hold 17 bytes");
    }

    @Test
    void theChunkDecoderRefusesWordsThatDoNotHoldTheDeclaredBytes() {
        ChunkDescriptor d = new ChunkDescriptor(3, 0, Encoding.RANS_DICTIONARY, 100, 0, List.of(), null, null, null);
        assertThatThrownBy(() -> ChunkDecoder.decode(STRING, d, List.of(new long[2])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("words do not hold the stream's bytes");
        ChunkDescriptor bytesOnly =
                new ChunkDescriptor(3, 0, Encoding.RANS_DICTIONARY, 11, 0, List.of(), null, null, null);
        assertThatThrownBy(() -> ChunkDecoder.decode(
                        ColumnType.of(ColumnType.Kind.INT64), bytesOnly, List.of(DeflatedBytes.words(stream()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("RANS_DICTIONARY is not allowed for int64");
        assertThat(ChunkDecoder.decode(STRING, bytesOnly, List.of(DeflatedBytes.words(stream()))))
                .containsExactly("a", "b", "a");
    }

    @Test
    void theWriterTakesItForIndependentDrawsAndNotForRunsOrOneValue() {
        Random r = new Random(7);
        String[] names = {"groceries", "rent", "salary", "fuel", "travel", "fees"};
        Object[] drawn = new Object[20_000];
        for (int i = 0; i < drawn.length; i++) {
            drawn[i] = names[Math.min(5, (int) (-Math.log(1 - r.nextDouble()) * 1.5))];
        }
        assertThat(ChunkEncoder.encode(STRING, drawn, 4).encoding()).isEqualTo(Encoding.RANS_DICTIONARY);
        assertThat(ChunkEncoder.encode(STRING, drawn, 3).encoding()).isEqualTo(Encoding.DICTIONARY);
        Object[] sorted = drawn.clone();
        Arrays.sort(sorted);
        assertThat(ChunkEncoder.encode(STRING, sorted, 4).encoding()).isEqualTo(Encoding.DICTIONARY);
        Object[] one = new Object[20_000];
        Arrays.fill(one, "rent");
        assertThat(ChunkEncoder.encode(STRING, one, 4).encoding()).isEqualTo(Encoding.DICTIONARY);
    }

    @Test
    void refusesAStreamLongerThanItsWordsCanHoldBeforeBufferingIt() {
        // 4,096 entries of 400,000 bytes (one array shared, so the test allocates little): 1.6 GB, past 6 x 2^28.
        byte[] entry = new byte[400_000];
        byte[][] entries = new byte[4096][];
        long[] codes = new long[4096];
        for (int e = 0; e < entries.length; e++) {
            entries[e] = entry;
            codes[e] = e;
        }

        assertThat(RansDictionary.encodeIfCheaper(entries, codes)).isNull();
        assertThatThrownBy(() -> RansDictionary.encode(entries, codes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("rANS dictionary stream of up to 16384")
                .hasMessageEndingWith(" bytes, more than 1610612736 (2^28 words of 6 bytes)");
    }
}
