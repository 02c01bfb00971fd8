package coop.cpc.lakehouse.columnar;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.columnar.encoding.StreamDescriptor;
import coop.cpc.lakehouse.columnar.testdata.Datasets;
import coop.cpc.lakehouse.columnar.webm.TrackInfo;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Format version 2: streams of near-random low bits take narrow 3-bit planes, which makes noisy columns
 * smaller than version 1's 8-bit limbs; the segment is marked version 2, decodes exactly with our decoder
 * and bit-exactly with dav1d, aomdec and ffmpeg; version 1 stays writable and readable.
 */
class NarrowPlanesTest {
    private static final Schema SCHEMA = Schema.of(
            required("customer_id", ColumnType.Kind.INT64),
            required("amount_cents", ColumnType.Kind.INT64),
            required("ts", ColumnType.Kind.TIMESTAMP_US),
            required("visits", ColumnType.Kind.INT32));

    /** A column without nulls of the given kind. */
    private static Column required(String name, ColumnType.Kind kind) {
        return new Column(name, ColumnType.of(kind), false);
    }

    private static List<Object[]> rows(int n) {
        Random r = new Random(16);
        List<Object[]> rows = new ArrayList<>();
        long t = 1_700_000_000_000_000L;
        for (int i = 0; i < n; i++) {
            t += (long) (-Math.log(1 - r.nextDouble()) * 2_000_000);
            rows.add(new Object[] {
                r.nextLong() >>> 16,
                (long) Math.exp(7 + 1.5 * r.nextGaussian()),
                Instant.ofEpochSecond(t / 1_000_000, (t % 1_000_000) * 1000),
                r.nextInt(20)
            });
        }
        return rows;
    }

    private static byte[] write(List<Object[]> rows, int formatVersion) throws Exception {
        return Segments.write(SCHEMA, rows, 4096, formatVersion);
    }

    @Test
    void noisyColumnsTakeNarrowPlanesAndAreSmallerThanInVersion1() throws Exception {
        List<Object[]> rows = rows(10_000);
        byte[] v2 = write(rows, 2);
        byte[] v1 = write(rows, 1);

        assertThat(new String(v2, StandardCharsets.ISO_8859_1)).contains("webm-columnar/2");
        assertThat(new String(v1, StandardCharsets.ISO_8859_1))
                .contains("webm-columnar/1")
                .doesNotContain("webm-columnar/2");
        Segments.assertSameRows(WebmColumnar.read(v2).rows(), rows);
        Segments.assertSameRows(WebmColumnar.read(v1).rows(), rows);

        long[][] s1 = WebmColumnar.read(v1).blockSizes();
        long[][] s2 = WebmColumnar.read(v2).blockSizes();
        for (String name : List.of("customer_id", "amount_cents", "ts")) {
            int c = SCHEMA.ordinal(name);
            TrackInfo track = WebmColumnar.read(v2).metadata().tracks().get(c);
            assertThat(track.chunks().stream()
                            .flatMap(d -> d.streams().stream())
                            .mapToInt(StreamDescriptor::narrowPlanes)
                            .max()
                            .orElse(0))
                    .as("narrow planes of %s", name)
                    .isGreaterThanOrEqualTo(2);
            assertThat(sum(s2[c])).as("%s: version 2 bytes vs version 1", name).isLessThan(sum(s1[c]) * 95 / 100);
        }
        Oracles.check(v2);
    }

    /**
     * A string column of 12 skewed values (dictionary codes 0..11), counts 0..19 and skewed scores 0..63, more values than an AV1
     * palette's eight colours, take one narrow plane (high bits and low three bits as two palette planes) and
     * are smaller than as one plane (format version 1); they decode exactly and bit-exactly with the stock
     * decoders.
     */
    @Test
    void smallAlphabetsOverAPaletteTakeOneNarrowPlaneAndAreSmallerThanInVersion1() throws Exception {
        Schema schema = Schema.of(
                required("category", ColumnType.Kind.STRING),
                required("visits", ColumnType.Kind.INT32),
                required("score", ColumnType.Kind.INT32));
        Random r = new Random(12);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 65_536; i++) {
            rows.add(new Object[] {
                Datasets.ledgerCategory(r), r.nextInt(20), Math.min(63, (int) Math.abs(r.nextGaussian() * 12))
            });
        }
        byte[] v2 = Segments.write(schema, rows, 32_768, 2);
        byte[] v1 = Segments.write(schema, rows, 32_768, 1);
        Segments.assertSameRows(WebmColumnar.read(v2).rows(), rows);
        long[][] s2 = WebmColumnar.read(v2).blockSizes();
        long[][] s1 = WebmColumnar.read(v1).blockSizes();
        for (int c = 0; c < 3; c++) {
            String name = schema.column(c).name();
            TrackInfo track = WebmColumnar.read(v2).metadata().tracks().get(c);
            assertThat(track.chunks().stream()
                            .map(d -> d.streams().get(0).narrowPlanes())
                            .toList())
                    .as("narrow planes of the first stream of %s per chunk", name)
                    .containsOnly(1);
            assertThat(sum(s2[c])).as("%s: version 2 bytes vs version 1", name).isLessThan(sum(s1[c]) * 98 / 100);
        }
        Oracles.check(v2);
    }

    private static long sum(long[] a) {
        long s = 0;
        for (long x : a) {
            s += x;
        }
        return s;
    }
}
