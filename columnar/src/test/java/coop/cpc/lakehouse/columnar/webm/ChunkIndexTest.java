package coop.cpc.lakehouse.columnar.webm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.encoding.ChunkDescriptor;
import coop.cpc.lakehouse.columnar.encoding.Encoding;
import coop.cpc.lakehouse.columnar.encoding.StreamDescriptor;
import coop.cpc.lakehouse.columnar.encoding.Transform;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkIndexTest {
    private static final ColumnType INT64 = ColumnType.of(ColumnType.Kind.INT64);

    @Test
    void writesTheSpecifiedBytes() {
        ChunkDescriptor d = new ChunkDescriptor(
                3,
                0,
                Encoding.INTEGER,
                0,
                2,
                List.of(new StreamDescriptor(3, Transform.DELTA_FOR, new long[] {-2}, 1000, true, 0, 0)),
                -2L,
                1998L,
                null);
        // version 1, 1 chunk; rows 3, nulls 0, encoding 0, param 0, samples 2, 1 stream;
        // stream: length 3, transform 2, 1 first value zv(-2)=03, base zv(1000)=2000=D0 0F, split mode 1,
        // 0 exceptions, 0 limbs (all residuals zero);
        // stats present, zv(-2)=03, zv(1998)=3996=9C 1F.
        assertThat(HexFormat.of().formatHex(ChunkIndex.write(INT64, List.of(d))))
                .isEqualTo("0101" + "030000000201" + "03020103d00f010000" + "01039c1f");
    }

    @Test
    void readsBackEveryField() {
        ChunkDescriptor d = new ChunkDescriptor(
                10,
                2,
                Encoding.DICTIONARY,
                0,
                40,
                List.of(
                        new StreamDescriptor(10, Transform.FOR, new long[0], 0, false, 0, 0),
                        new StreamDescriptor(
                                8, Transform.DELTA2_ZIGZAG, new long[] {5, Long.MIN_VALUE}, 0, false, 3, 2)),
                "a",
                "zz",
                null);
        ChunkDescriptor back = ChunkIndex.read(
                        ColumnType.of(ColumnType.Kind.STRING),
                        ChunkIndex.write(ColumnType.of(ColumnType.Kind.STRING), List.of(d)))
                .get(0);
        assertThat(back.mappingLabel()).isEqualTo(d.mappingLabel());
        assertThat(back.streams().get(1).first()).containsExactly(5, Long.MIN_VALUE);
        assertThat(back.streams().get(1).limbs()).isEqualTo(2);
        assertThat(back.streams().get(1).split()).isFalse();
        assertThat(back.min()).isEqualTo("a");
        assertThat(back.max()).isEqualTo("zz");
    }

    @Test
    void refusesAnotherVersion() {
        assertThatThrownBy(() -> ChunkIndex.read(INT64, new byte[] {5, 0}))
                .hasMessage("unsupported chunk index version 5");
        assertThatThrownBy(() -> ChunkIndex.read(INT64, new byte[] {4, 0}, 3))
                .as("a version 4 index in a segment marked version 3")
                .hasMessage("unsupported chunk index version 4");
        assertThatThrownBy(() -> ChunkIndex.read(INT64, new byte[] {3, 0}, 2))
                .as("a version 3 index in a segment marked version 2")
                .hasMessage("unsupported chunk index version 3");
        assertThatThrownBy(() -> ChunkIndex.read(INT64, new byte[] {2, 0}, 1))
                .as("a version 2 index in a segment marked version 1")
                .hasMessage("unsupported chunk index version 2");
    }

    @Test
    void narrowPlanesRoundTripInVersion2AndAreRefusedInVersion1() {
        ChunkDescriptor d = new ChunkDescriptor(
                5,
                0,
                Encoding.INTEGER,
                0,
                25,
                List.of(new StreamDescriptor(5, Transform.FOR, new long[0], 7, true, 0, 2, 3)),
                7L,
                900L,
                null);
        byte[] v2 = ChunkIndex.write(INT64, List.of(d), 2);
        StreamDescriptor back = ChunkIndex.read(INT64, v2, 2).get(0).streams().get(0);
        assertThat(back.narrowPlanes()).isEqualTo(3);
        assertThat(back.limbs()).isEqualTo(2);
        assertThat(back.sampleCount()).isEqualTo(25);
        assertThatThrownBy(() -> ChunkIndex.write(INT64, List.of(d), 1))
                .hasMessage("narrow planes need chunk index version 2");
        v2[0] = 1;
        assertThatThrownBy(() -> ChunkIndex.read(INT64, v2, 2)).hasMessage("bad stream mode 2");
    }

    @Test
    void valueSetsRoundTripInVersion3AndAreRefusedBefore() {
        ColumnType string = ColumnType.of(ColumnType.Kind.STRING);
        ChunkDescriptor d = new ChunkDescriptor(
                6,
                1,
                Encoding.DICTIONARY,
                0,
                12,
                List.of(new StreamDescriptor(6, Transform.FOR, new long[0], 0, false, 0, 0)),
                "EUR",
                "USD",
                List.of("EUR", "GBP", "USD"));
        byte[] v3 = ChunkIndex.write(string, List.of(d), 3);
        ChunkDescriptor back = ChunkIndex.read(string, v3, 3).get(0);
        assertThat(back.valueSet()).containsExactly("EUR", "GBP", "USD");
        assertThat(back.mayContain(string, "GBP")).isTrue();
        assertThat(back.mayContain(string, "CHF"))
                .as("inside [min, max] but not in the set")
                .isFalse();
        assertThatThrownBy(() -> ChunkIndex.write(string, List.of(d), 2))
                .hasMessage("value sets need chunk index version 3");
        v3[0] = 2;
        assertThatThrownBy(() -> ChunkIndex.read(string, v3, 3)).hasMessage("bad statistics flag");
    }

    @Test
    void aValueSetThatIsNotAscendingOrDoesNotSpanTheStatisticsIsRefused() {
        ChunkDescriptor unordered = new ChunkDescriptor(
                3,
                0,
                Encoding.INTEGER,
                0,
                3,
                List.of(new StreamDescriptor(3, Transform.FOR, new long[0], 1, false, 0, 0)),
                1L,
                9L,
                List.of(1L, 9L, 5L));
        assertThatThrownBy(() -> ChunkIndex.read(INT64, ChunkIndex.write(INT64, List.of(unordered), 3), 3))
                .hasMessage("value set not strictly ascending");
        ChunkDescriptor narrower = new ChunkDescriptor(
                3,
                0,
                Encoding.INTEGER,
                0,
                3,
                List.of(new StreamDescriptor(3, Transform.FOR, new long[0], 1, false, 0, 0)),
                1L,
                9L,
                List.of(1L, 5L));
        assertThatThrownBy(() -> ChunkIndex.read(INT64, ChunkIndex.write(INT64, List.of(narrower), 3), 3))
                .hasMessage("value set does not span [min, max]");
    }
}
