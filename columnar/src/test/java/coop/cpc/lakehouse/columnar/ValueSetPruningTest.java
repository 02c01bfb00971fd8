package coop.cpc.lakehouse.columnar;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.columnar.encoding.ChunkDescriptor;
import coop.cpc.lakehouse.columnar.webm.RowGroupInfo;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Format version 3: chunks of at most 32 distinct values carry their value set, so that equality and IN
 * skip row groups that min/max cannot (every group spans the same range but lacks some values).
 */
class ValueSetPruningTest {
    private static final Schema SCHEMA = Schema.of(
            new Column("category", ColumnType.of(ColumnType.Kind.STRING), true),
            new Column("code", ColumnType.of(ColumnType.Kind.INT32), false),
            new Column("id", ColumnType.of(ColumnType.Kind.INT64), false));

    /** Four row groups of 100 rows; group g holds categories "a", "z" and "m" + g, codes 0, 99 and 10 + g. */
    private static byte[] write(int formatVersion) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SegmentWriter w = WebmColumnar.write(out)
                .schema(SCHEMA)
                .rowGroupSize(100)
                .formatVersion(formatVersion)
                .build()) {
            for (int g = 0; g < 4; g++) {
                for (int i = 0; i < 100; i++) {
                    String category = i % 3 == 0 ? "a" : i % 3 == 1 ? "z" : i == 50 ? null : "m" + g;
                    int code = i % 3 == 0 ? 0 : i % 3 == 1 ? 99 : 10 + g;
                    w.add(category, code, (long) g * 100 + i);
                }
            }
        }
        return out.toByteArray();
    }

    private static List<Integer> kept(WebmColumnar.ReadBuilder read) throws Exception {
        return read.rowGroups().stream().map(RowGroupInfo::index).toList();
    }

    @Test
    void equalityAndInSkipRowGroupsWhoseValueSetLacksTheValues() throws Exception {
        byte[] segment = write(3);
        assertThat(new String(segment, StandardCharsets.ISO_8859_1)).contains("webm-columnar/3");
        assertThat(kept(WebmColumnar.read(segment).filter("category", "m2", "m2")))
                .containsExactly(2);
        assertThat(kept(WebmColumnar.read(segment).filterIn("category", "m1", "m3", null)))
                .containsExactly(1, 3);
        assertThat(kept(WebmColumnar.read(segment).filterIn("category", "a"))).containsExactly(0, 1, 2, 3);
        assertThat(kept(WebmColumnar.read(segment).filterIn("category", "b"))).isEmpty();
        assertThat(kept(WebmColumnar.read(segment).filter("code", 12, 12))).containsExactly(2);
        assertThat(kept(WebmColumnar.read(segment).filterIn("code", 11, 13))).containsExactly(1, 3);
        assertThat(kept(WebmColumnar.read(segment).filterIn("code", 50))).isEmpty();
        assertThat(kept(WebmColumnar.read(segment).filter("code", 11, 12)))
                .as("a range uses min/max only")
                .containsExactly(0, 1, 2, 3);
        ChunkDescriptor ids =
                WebmColumnar.read(segment).metadata().tracks().get(2).chunks().get(0);
        assertThat(ids.hasValueSet()).as("100 distinct ids: no value set").isFalse();
        List<Object[]> rows =
                WebmColumnar.read(segment).filterIn("category", "m1").rows();
        assertThat(rows).hasSize(100);
        assertThat(rows.get(2)[0]).isEqualTo("m1");
    }

    @Test
    void version2SegmentsHaveNoValueSetsAndPruneByMinMaxOnly() throws Exception {
        byte[] segment = write(2);
        assertThat(new String(segment, StandardCharsets.ISO_8859_1)).doesNotContain("webm-columnar/3");
        assertThat(Segments.firstChunk(segment).hasValueSet()).isFalse();
        assertThat(kept(WebmColumnar.read(segment).filter("category", "m2", "m2")))
                .containsExactly(0, 1, 2, 3);
        assertThat(kept(WebmColumnar.read(segment).filterIn("code", 50))).containsExactly(0, 1, 2, 3);
        assertThat(WebmColumnar.read(segment).rows()).hasSize(400);
    }

    @Test
    void version3SegmentsAreDecodedBitExactlyByTheStockTools() throws Exception {
        Oracles.check(write(3));
    }
}
