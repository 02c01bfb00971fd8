package coop.cpc.lakehouse.columnar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The FAST search preset (default) and THOROUGH (per column, {@code thoroughSearch}) make different AV1 bytes of
 * the same samples, both decoded bit-exactly by our decoder and the stock tools.
 */
class SearchPresetTest {
    private static final Schema SCHEMA = Schema.of(
            new Column("wave", ColumnType.of(ColumnType.Kind.INT32), false),
            new Column("n", ColumnType.of(ColumnType.Kind.INT32), false));

    private static List<Object[]> rows() {
        Random r = new Random(16);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 4096; i++) {
            // A smooth wave with noise (many values per superblock: the mode search matters) and a column of
            // 20 uniform values (the palette gate of FAST skips its trials).
            rows.add(new Object[] {(int) (200 * Math.sin(i / 37.0)) + r.nextInt(9), r.nextInt(20)});
        }
        return rows;
    }

    private static byte[] write(String... thorough) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SegmentWriter w =
                WebmColumnar.write(out).schema(SCHEMA).thoroughSearch(thorough).build()) {
            for (Object[] row : rows()) {
                w.add(row);
            }
        }
        return out.toByteArray();
    }

    @Test
    void thoroughColumnsGetOtherBytesOfTheSameSamples() throws Exception {
        byte[] fast = write();
        byte[] thorough = write("wave", "n");
        byte[] waveOnly = write("wave");
        long[][] fastSizes = WebmColumnar.read(fast).blockSizes();
        long[][] thoroughSizes = WebmColumnar.read(thorough).blockSizes();
        long[][] waveOnlySizes = WebmColumnar.read(waveOnly).blockSizes();
        assertThat(thoroughSizes[0]).isNotEqualTo(fastSizes[0]);
        assertThat(waveOnlySizes[0]).isEqualTo(thoroughSizes[0]);
        assertThat(waveOnlySizes[1]).isEqualTo(fastSizes[1]);
        for (byte[] segment : List.of(fast, thorough)) {
            List<Object[]> back = WebmColumnar.read(segment).rows();
            List<Object[]> expected = rows();
            for (int i = 0; i < expected.size(); i++) {
                assertThat(back.get(i)).containsExactly(expected.get(i));
            }
            for (String column : List.of("wave", "n")) {
                assertThat(WebmColumnar.read(segment).samples(column))
                        .usingRecursiveComparison()
                        .isEqualTo(WebmColumnar.read(fast).samples(column));
            }
            Oracles.check(segment);
        }
    }

    @Test
    void bytesLaidOutAsSamplesAreSearchedThoroughlyWithoutBeingAsked() throws Exception {
        Schema schema = Schema.of(
                new Column("ref", ColumnType.of(ColumnType.Kind.STRING), false),
                new Column("wave", ColumnType.of(ColumnType.Kind.INT32), false));
        Random r = new Random(17);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            rows.add(new Object[] {
                String.format("INV-2024-%06d", r.nextInt(1_000_000)), (int) (200 * Math.sin(i / 37.0)) + r.nextInt(9)
            });
        }
        long[][] plain = WebmColumnar.read(write(schema, rows)).blockSizes();
        long[][] asked = WebmColumnar.read(write(schema, rows, "ref", "wave")).blockSizes();
        assertThat(Segments.firstChunk(write(schema, rows)).encoding())
                .isEqualTo(coop.cpc.lakehouse.columnar.encoding.Encoding.LENGTH_BYTES);
        // FAST codes these ids in other bytes (34,049 vs 34,003 for 10,000 of them): equal sizes show THOROUGH.
        assertThat(plain[0]).as("LENGTH_BYTES column: THOROUGH either way").isEqualTo(asked[0]);
    }

    private static byte[] write(Schema schema, List<Object[]> rows, String... thorough) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SegmentWriter w =
                WebmColumnar.write(out).schema(schema).thoroughSearch(thorough).build()) {
            for (Object[] row : rows) {
                w.add(row);
            }
        }
        return out.toByteArray();
    }

    @Test
    void anUnknownThoroughColumnIsRefused() {
        assertThatThrownBy(() -> WebmColumnar.write(new ByteArrayOutputStream())
                        .schema(SCHEMA)
                        .thoroughSearch("nope")
                        .build())
                .hasMessageContaining("no column 'nope'");
    }
}
