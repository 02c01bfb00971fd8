package coop.cpc.lakehouse.columnar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.columnar.encoding.ChunkDescriptor;
import coop.cpc.lakehouse.columnar.encoding.Encoding;
import coop.cpc.lakehouse.columnar.encoding.StreamDescriptor;
import coop.cpc.lakehouse.columnar.encoding.Transform;
import coop.cpc.lakehouse.columnar.webm.RowGroupInfo;
import coop.cpc.lakehouse.columnar.webm.TrackInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebmColumnarRoundTripTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "bool",
                "int32",
                "int64",
                "float32",
                "float64",
                "decimal(18,4)",
                "decimal(5,0)",
                "timestamp_ms",
                "timestamp_us",
                "date",
                "string",
                "bytes"
            })
    void roundTripsRandomValuesOfEveryType(String typeName) throws Exception {
        ColumnType type = ColumnType.parse(typeName);
        Random r = new Random(typeName.hashCode());
        Schema schema = Schema.of(new Column("v", type, true), new Column("w", type, false));
        Object[] v = TestData.column(1500, 7, i -> TestData.random(type, r));
        Object[] w = TestData.column(1500, 0, i -> TestData.random(type, r));
        Segments.roundTrip(schema, TestData.rows(v, w), 600);
    }

    @Test
    void storesOneDecimalReadingsAsScaledIntegerDeltas() throws Exception {
        double[] hr = TestData.heartRate(3000, new Random(1));
        Schema schema = Schema.of(new Column("hr", ColumnType.of(ColumnType.Kind.FLOAT64), false));
        byte[] seg = Segments.roundTrip(schema, TestData.rows(TestData.column(hr.length, 0, i -> hr[i])), 4096);
        ChunkDescriptor d = track(seg, 0).chunks().get(0);
        assertThat(d.encoding()).isEqualTo(Encoding.DECIMAL_SCALED);
        assertThat(d.param()).isEqualTo(1);
        assertThat(d.streams().get(0).transform()).isEqualTo(Transform.DELTA_ZIGZAG);
        assertThat(d.streams().get(0).exceptions()).isZero();
        assertThat(track(seg, 0).bitDepth()).isEqualTo(8);
    }

    @Test
    void storesNoisyDoublesAsFloatBits() throws Exception {
        Random r = new Random(2);
        Schema schema = Schema.of(new Column("x", ColumnType.of(ColumnType.Kind.FLOAT64), false));
        // Version 1 modes (version 2 lays the random low bits as narrow planes: NarrowPlanesTest).
        byte[] seg = Segments.roundTrip(schema, TestData.rows(TestData.column(500, 0, i -> r.nextDouble())), 500, 1);
        ChunkDescriptor d = track(seg, 0).chunks().get(0);
        assertThat(d.encoding()).isEqualTo(Encoding.FLOAT_BITS);
        assertThat(d.streams().get(0).split()).isTrue();
        assertThat(d.streams().get(0).limbs()).isGreaterThan(1);
    }

    @Test
    void storesOneHertzTimestampsAsZeroResiduals() throws Exception {
        Schema schema = Schema.of(new Column("ts", ColumnType.of(ColumnType.Kind.TIMESTAMP_MS), false));
        byte[] seg = Segments.roundTrip(
                schema,
                TestData.rows(TestData.column(2000, 0, i -> Instant.ofEpochMilli(1_700_000_000_000L + 1000L * i))),
                2000);
        StreamDescriptor s = track(seg, 0).chunks().get(0).streams().get(0);
        assertThat(s.transform().order()).isPositive();
        assertThat(s.sampleCount()).as("all-zero residuals take no sample").isZero();
    }

    @Test
    void storesLowCardinalityStringsInADictionary() throws Exception {
        String[] channels = {"web", "phone", "store", "partner", "", "e-mail, \"promo\""};
        Random r = new Random(3);
        Schema schema = Schema.of(new Column("channel", ColumnType.of(ColumnType.Kind.STRING), true));
        byte[] seg = Segments.roundTrip(
                schema, TestData.rows(TestData.column(1200, 11, i -> channels[r.nextInt(channels.length)])), 1000);
        TrackInfo t = track(seg, 0);
        assertThat(t.chunks()).allSatisfy(d -> assertThat(d.encoding()).isEqualTo(Encoding.DICTIONARY));
        assertThat(t.min()).isEqualTo("");
        assertThat(t.max()).isEqualTo("web");
    }

    @Test
    void storesRepeatedWideIdsInAnIntegerDictionary() throws Exception {
        Random r = new Random(12);
        Schema schema = Schema.of(new Column("account", ColumnType.of(ColumnType.Kind.INT64), true));
        byte[] seg = Segments.roundTrip(
                schema, TestData.rows(TestData.column(3000, 50, i -> 40_000_000_000L + r.nextInt(300) * 7919L)), 1500);
        assertThat(track(seg, 0).chunks())
                .allSatisfy(d -> assertThat(d.encoding()).isEqualTo(Encoding.INT_DICTIONARY));
        assertThat(track(seg, 0).chunks().get(0).mappingLabel()).startsWith("int_dictionary:");
    }

    @Test
    void storesDistinctStringsAsLengthsAndBytes() throws Exception {
        Schema schema = Schema.of(new Column("id", ColumnType.of(ColumnType.Kind.STRING), false));
        byte[] seg = Segments.roundTrip(
                schema, TestData.rows(TestData.column(800, 0, i -> "customer-" + (i * 7919 % 10007))), 800);
        assertThat(track(seg, 0).chunks().get(0).encoding()).isEqualTo(Encoding.LENGTH_BYTES);
    }

    @Test
    void storesStructuredIdsPositionByPosition() throws Exception {
        Random r = new Random(14);
        Schema schema = Schema.of(new Column("ref", ColumnType.of(ColumnType.Kind.STRING), false));
        byte[] seg = Segments.roundTrip(
                schema,
                TestData.rows(TestData.column(1000, 0, i -> String.format("INV-2024-%06d", r.nextInt(1_000_000)))),
                1000);
        assertThat(track(seg, 0).chunks().get(0).mappingLabel()).startsWith("length_bytes(by_position):");
    }

    @Test
    void storesRareWideValuesAsExceptionsInTheSameFrame() throws Exception {
        Random r = new Random(4);
        Schema schema = Schema.of(new Column("n", ColumnType.of(ColumnType.Kind.INT64), false));
        Object[] v = TestData.column(2000, 0, i -> i % 97 == 5 ? r.nextLong() : (long) r.nextInt(2000));
        byte[] seg = Segments.roundTrip(schema, TestData.rows(v), 2000, 1);
        StreamDescriptor s = track(seg, 0).chunks().get(0).streams().get(0);
        assertThat(s.split()).isFalse();
        assertThat(s.exceptions()).isPositive();
        assertThat(s.limbs()).isGreaterThan(1);
    }

    @Test
    void putsWideNoiseOnEightBitTracksAsLimbPlanes() throws Exception {
        Random r = new Random(5);
        Schema schema = Schema.of(new Column("id", ColumnType.of(ColumnType.Kind.INT64), false));
        byte[] seg =
                Segments.roundTrip(schema, TestData.rows(TestData.column(1000, 0, i -> r.nextLong() >>> 16)), 1000, 1);
        assertThat(track(seg, 0).bitDepth()).isEqualTo(8);
        assertThat(track(seg, 0).chunks().get(0).streams().get(0).split()).isTrue();
        assertThat(track(seg, 0).chunks().get(0).streams().get(0).limbs()).isEqualTo(6);
    }

    @ParameterizedTest
    @ValueSource(ints = {10, 12})
    void roundTripsTracksForcedToTenAndTwelveBits(int bitDepth) throws Exception {
        Random r = new Random(bitDepth);
        Schema schema = Schema.of(
                new Column("n", ColumnType.of(ColumnType.Kind.INT32), true),
                new Column("x", ColumnType.of(ColumnType.Kind.FLOAT64), false));
        List<Object[]> rows = TestData.rows(
                TestData.column(1200, 9, i -> r.nextInt(i % 300 == 0 ? Integer.MAX_VALUE : 3000)),
                TestData.column(1200, 0, i -> TestData.random(ColumnType.of(ColumnType.Kind.FLOAT64), r)));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (SegmentWriter w = WebmColumnar.write(out)
                .schema(schema)
                .rowGroupSize(500)
                .bitDepth(bitDepth)
                .build()) {
            rows.forEach(w::add);
        }
        byte[] seg = out.toByteArray();
        Segments.assertSameRows(WebmColumnar.read(seg).rows(), rows);
        assertThat(track(seg, 0).bitDepth()).isEqualTo(bitDepth);
        assertThat(track(seg, 1).bitDepth()).isEqualTo(bitDepth);
        Oracles.check(seg);
    }

    @Test
    void widensTheFrameForChunksOverSixteenMillionSamples() throws Exception {
        // 70 rows of 256 KiB random bytes: 18.4 M byte samples, more than 256 x 65,528.
        Random r = new Random(13);
        Schema schema = Schema.of(new Column("blob", ColumnType.of(ColumnType.Kind.BYTES), false));
        List<Object[]> rows = TestData.rows(TestData.column(70, 0, i -> {
            byte[] b = new byte[256 * 1024];
            java.util.Arrays.fill(b, (byte) (i * 3));
            b[r.nextInt(b.length)] = (byte) r.nextInt();
            return b;
        }));
        // Format version 2: version 3 would deflate these repetitive blobs to a few samples.
        byte[] seg = Segments.roundTrip(schema, rows, 70, 2);
        assertThat(track(seg, 0).width()).isEqualTo(512);
    }

    @Test
    void roundTripsAllNullChunksAndSingleRows() throws Exception {
        Schema schema = Schema.of(
                new Column("a", ColumnType.of(ColumnType.Kind.FLOAT64), true),
                new Column("b", ColumnType.of(ColumnType.Kind.STRING), true));
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {null, null});
        rows.add(new Object[] {null, null});
        rows.add(new Object[] {1.5, "x"});
        byte[] seg = Segments.roundTrip(schema, rows, 2);
        assertThat(track(seg, 0).chunks().get(0).hasStats()).isFalse();
        assertThat(track(seg, 0).nullCount()).isEqualTo(2);
    }

    @Test
    void writesTheSameBytesForTheSameRows() throws Exception {
        Random r = new Random(6);
        Schema schema = Schema.of(new Column("x", ColumnType.of(ColumnType.Kind.INT64), true));
        List<Object[]> rows =
                TestData.rows(TestData.column(300, 5, i -> TestData.random(ColumnType.of(ColumnType.Kind.INT64), r)));
        byte[] first = Segments.write(schema, rows, 100);
        assertThat(Segments.write(schema, rows, 100)).isEqualTo(first);
        Oracles.check(first);
    }

    @Test
    void writesAndReadsTheSameWithSeveralThreads() throws Exception {
        Random r = new Random(15);
        Schema schema = Schema.of(
                new Column("a", ColumnType.of(ColumnType.Kind.INT64), true),
                new Column("b", ColumnType.of(ColumnType.Kind.FLOAT64), false),
                new Column("c", ColumnType.of(ColumnType.Kind.STRING), true));
        List<Object[]> rows = TestData.rows(
                TestData.column(900, 4, i -> TestData.random(ColumnType.of(ColumnType.Kind.INT64), r)),
                TestData.column(900, 0, i -> r.nextGaussian()),
                TestData.column(900, 6, i -> "v" + r.nextInt(20)));
        byte[] sequential = Segments.write(schema, rows, 300);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (SegmentWriter w = WebmColumnar.write(out)
                .schema(schema)
                .rowGroupSize(300)
                .threads(3)
                .build()) {
            rows.forEach(w::add);
        }
        assertThat(out.toByteArray()).isEqualTo(sequential);
        Segments.assertSameRows(WebmColumnar.read(sequential).threads(3).rows(), rows);
        Oracles.check(sequential);
    }

    @Test
    void projectsColumnsAndSkipsRowGroupsByStatistics() throws Exception {
        Schema schema = Schema.of(
                new Column("ts", ColumnType.of(ColumnType.Kind.TIMESTAMP_MS), false),
                new Column("hr", ColumnType.of(ColumnType.Kind.FLOAT64), true),
                new Column("who", ColumnType.of(ColumnType.Kind.STRING), false));
        double[] hr = TestData.heartRate(1000, new Random(7));
        List<Object[]> rows = TestData.rows(
                TestData.column(1000, 0, i -> Instant.ofEpochMilli(1_000_000L * i)),
                TestData.column(1000, 9, i -> hr[i]),
                TestData.column(1000, 0, i -> "p" + (i / 100)));
        byte[] seg = Segments.roundTrip(schema, rows, 250);

        WebmColumnar.ReadBuilder read = WebmColumnar.read(seg)
                .project("who", "ts")
                .filter("ts", Instant.ofEpochMilli(300_000_000L), Instant.ofEpochMilli(560_000_000L));
        assertThat(read.rowGroups()).extracting(RowGroupInfo::index).containsExactly(1, 2);
        List<Object[]> got = read.rows();
        List<Object[]> expected = new ArrayList<>();
        for (int i = 250; i < 750; i++) {
            expected.add(new Object[] {rows.get(i)[2], rows.get(i)[0]});
        }
        Segments.assertSameRows(got, expected);
        assertThat(WebmColumnar.read(seg).filter("who", "p9", null).rowGroups())
                .extracting(RowGroupInfo::index)
                .containsExactly(3);
    }

    @Test
    void rejectsNullInANonNullableColumn() {
        Schema schema = Schema.of(new Column("x", ColumnType.of(ColumnType.Kind.INT32), false));
        assertThatThrownBy(() -> Segments.write(schema, List.<Object[]>of(new Object[] {null}), 10))
                .isInstanceOf(SchemaException.class)
                .hasMessage("column 'x' is not nullable");
    }

    @Test
    void rejectsAValueOfTheWrongJavaType() {
        Schema schema = Schema.of(new Column("x", ColumnType.of(ColumnType.Kind.DATE), false));
        assertThatThrownBy(() -> Segments.write(schema, List.<Object[]>of(new Object[] {"2024-01-01"}), 10))
                .isInstanceOf(SchemaException.class)
                .hasMessage("column 'x' (date) cannot hold a String");
    }

    @Test
    void rejectsDecimalsThatNeedRounding() {
        Schema schema = Schema.of(new Column("x", ColumnType.decimal(5, 2), false));
        assertThatThrownBy(() ->
                        Segments.write(schema, List.<Object[]>of(new Object[] {new java.math.BigDecimal("1.234")}), 10))
                .isInstanceOf(SchemaException.class)
                .hasMessage("column 'x' (decimal(5,2)): more than 2 fractional digits");
    }

    @Test
    void refusesRowGroupsLargerThanTheFormatAllows() {
        assertThatThrownBy(() -> WebmColumnar.write(new java.io.ByteArrayOutputStream())
                        .rowGroupSize(WebmColumnar.MAX_ROW_GROUP_SIZE + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("row group size must be from 1 to 1048576, not 1048577");
    }

    static TrackInfo track(byte[] seg, int ordinal) throws Exception {
        return WebmColumnar.read(seg).metadata().tracks().get(ordinal);
    }
}
