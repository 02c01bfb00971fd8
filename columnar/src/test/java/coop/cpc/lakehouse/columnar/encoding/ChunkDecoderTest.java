package coop.cpc.lakehouse.columnar.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.ThreadAllocation;
import coop.cpc.lakehouse.columnar.encoding.bytes.DeflatedBytes;
import coop.cpc.lakehouse.columnar.encoding.rans.RansDictionary;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkDecoderTest {
    private static final ColumnType STRING = ColumnType.of(ColumnType.Kind.STRING);
    private static final ColumnType INT64 = ColumnType.of(ColumnType.Kind.INT64);
    private static final ColumnType BYTES = ColumnType.of(ColumnType.Kind.BYTES);

    @Test
    void refusesARowCountAboveTheFormatBoundBeforeAllocatingRows() {
        // The reviewer's case: two billion rows declared, two empty streams.
        ChunkDescriptor d =
                new ChunkDescriptor(Integer.MAX_VALUE - 8, 0, Encoding.LENGTH_BYTES, 0, 0, List.of(), null, null, null);
        ThreadAllocation.Measured m =
                ThreadAllocation.of(() -> ChunkDecoder.decode(STRING, d, List.of(new long[0], new long[0])));
        assertThat(m.thrown())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("row count 2147483639 out of range 0..1048576");
        assertThat(m.bytes()).isLessThan(1 << 20);
    }

    @Test
    void refusesValueStreamsShorterThanTheRowsBeforeAllocatingRows() {
        ChunkDescriptor d =
                new ChunkDescriptor(ChunkDescriptor.MAX_ROWS, 0, Encoding.INTEGER, 0, 0, List.of(), null, null, null);
        ThreadAllocation.Measured m =
                ThreadAllocation.of(() -> ChunkDecoder.decodePrimitive(INT64, 0, d, List.of(new long[3])));
        assertThat(m.thrown()).isInstanceOf(IllegalArgumentException.class).hasMessage("value count does not match");
        assertThat(m.bytes()).isLessThan(1 << 20);
    }

    @Test
    void refusesNullFlagsThatDoNotCoverEveryRow() {
        ChunkDescriptor d = new ChunkDescriptor(1000, 10, Encoding.INTEGER, 0, 0, List.of(), null, null, null);
        ThreadAllocation.Measured m =
                ThreadAllocation.of(() -> ChunkDecoder.decode(INT64, d, List.of(new long[10], new long[990])));
        assertThat(m.thrown())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("null flags do not match the row count");
    }

    @Test
    void refusesADictionaryLargerThanItsValues() {
        ChunkDescriptor d = new ChunkDescriptor(4, 0, Encoding.INT_DICTIONARY, 0, 0, List.of(), null, null, null);
        ThreadAllocation.Measured m =
                ThreadAllocation.of(() -> ChunkDecoder.decode(INT64, d, List.of(new long[4], new long[5])));
        assertThat(m.thrown())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dictionary of 5 entries for 4 values");
    }

    @Test
    void decodesAChunkWhoseStreamsHaveTheirLengths() {
        ChunkDescriptor d = new ChunkDescriptor(3, 1, Encoding.INT_DICTIONARY, 0, 0, List.of(), null, null, null);
        Object[] values =
                ChunkDecoder.decode(INT64, d, List.of(new long[] {0, 1, 0}, new long[] {1, 0}, new long[] {7, 9}));
        assertThat(values).containsExactly(9L, null, 7L);
    }

    @Test
    void refusesARansBytesDictionaryThatExpandsBeyondTheBoundBeforeCopyingEntries() {
        // The reviewer's case: a stream of about a kilobyte, one entry of 1,025 bytes used by 2^18 rows.
        int rows = 1 << 18;
        byte[] stream = RansDictionary.encode(new byte[][] {new byte[1025]}, new long[rows]);
        assertRefusedBeforeCopying(
                new ChunkDescriptor(rows, 0, Encoding.RANS_DICTIONARY, stream.length, 0, List.of(), null, null, null),
                List.of(DeflatedBytes.words(stream)));
    }

    @Test
    void refusesADictionaryBytesChunkThatExpandsBeyondTheBoundBeforeCopyingEntries() {
        int rows = 1 << 18;
        assertRefusedBeforeCopying(
                new ChunkDescriptor(rows, 0, Encoding.DICTIONARY, 0, 0, List.of(), null, null, null),
                List.of(new long[rows], new long[] {1025}, new long[1025]));
    }

    /** 1,025 bytes in each of 2^18 rows: 262,144 bytes past the bound. */
    private static void assertRefusedBeforeCopying(ChunkDescriptor d, List<long[]> streams) {
        ThreadAllocation.Measured m = ThreadAllocation.of(() -> ChunkDecoder.decode(BYTES, d, streams));
        assertThat(m.thrown())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bytes dictionary expands to 268697600 bytes over 262144 rows, more than 268435456");
        assertThat(m.bytes()).isLessThan(1 << 23);
    }

    @Test
    void readsABytesDictionaryThatExpandsToExactlyTheBoundWithACopyPerRow() {
        int rows = 1 << 18;
        ChunkDescriptor d = new ChunkDescriptor(rows, 0, Encoding.DICTIONARY, 0, 0, List.of(), null, null, null);
        Object[] values = ChunkDecoder.decode(BYTES, d, List.of(new long[rows], new long[] {1024}, new long[1024]));
        assertThat(values).hasSize(rows);
        assertThat((byte[]) values[rows - 1]).hasSize(1024);
        assertThat(values[0]).isNotSameAs(values[1]);
    }
}
