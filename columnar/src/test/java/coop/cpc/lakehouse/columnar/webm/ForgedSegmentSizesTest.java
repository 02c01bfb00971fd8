package coop.cpc.lakehouse.columnar.webm;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.CorruptSegmentException;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.columnar.Segments;
import coop.cpc.lakehouse.columnar.TestData;
import coop.cpc.lakehouse.columnar.ThreadAllocation;
import coop.cpc.lakehouse.columnar.WebmColumnar;
import coop.cpc.lakehouse.columnar.encoding.ChunkDescriptor;
import coop.cpc.lakehouse.columnar.encoding.StreamDescriptor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Segments whose sizes were forged with every CRC-32 recomputed: the reader refuses them with a
 * CorruptSegmentException before allocating what they declare (format spec section 6.1).
 */
class ForgedSegmentSizesTest {
    private static final ColumnType INT64 = ColumnType.of(ColumnType.Kind.INT64);
    /** Far below what the forged counts would cost (8 bytes a row at least), far above what refusing costs. */
    private static final long ALLOCATION_BOUND = 64L << 20;

    private static byte[] constant;

    @BeforeAll
    static void writeAConstantColumn() throws Exception {
        // A constant column takes no sample at all (limbs 0): a file of under 1 KB.
        Schema schema = Schema.of(new Column("k", INT64, false));
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            rows.add(new Object[] {7L});
        }
        constant = Segments.write(schema, rows, 1000);
        assertThat(constant.length).isLessThan(1024);
    }

    @Test
    void refusesARowGroupOfTwoBillionRowsWithValidCrcs() {
        byte[] forged = withRows(constant, Integer.MAX_VALUE - 8, Integer.MAX_VALUE - 8);
        ThreadAllocation.Measured m =
                ThreadAllocation.of(() -> WebmColumnar.read(forged).verify());
        assertThat(m.thrown())
                .isInstanceOf(CorruptSegmentException.class)
                .hasMessageStartingWith(
                        "row group 0 has 2147483639 rows, more than the format's 1048576 in Tag at offset ");
        assertThat(m.bytes()).isLessThan(ALLOCATION_BOUND);
    }

    @Test
    void refusesAChunkIndexDeclaringMoreRowsThanTheBound() {
        byte[] forged = withRows(constant, 1000, ChunkDescriptor.MAX_ROWS + 1);
        ThreadAllocation.Measured m =
                ThreadAllocation.of(() -> WebmColumnar.read(forged).verify());
        assertThat(m.thrown())
                .isInstanceOf(CorruptSegmentException.class)
                .hasMessageStartingWith("bad chunk index of track 1 (count 1048577 out of range)");
        assertThat(m.bytes()).isLessThan(ALLOCATION_BOUND);
    }

    @Test
    void refusesAStreamShorterThanItsChunksRows() throws Exception {
        byte[] forged = ForgedSegments.withTags(constant, (tag, name, value) -> switch (name) {
            case WebmConstants.TAG_ROWS, WebmConstants.TAG_ROW_GROUPS -> ascii(ChunkDescriptor.MAX_ROWS);
            case WebmConstants.TAG_CHUNKS -> chunks(value, d -> withRows(d, ChunkDescriptor.MAX_ROWS, 1000));
            default -> value;
        });
        ThreadAllocation.Measured m =
                ThreadAllocation.of(() -> WebmColumnar.read(forged).verify());
        assertThat(m.thrown())
                .isInstanceOf(CorruptSegmentException.class)
                .hasMessageStartingWith("chunk 0 of track 1 is inconsistent (value count does not match)");
        assertThat(m.bytes()).isLessThan(ALLOCATION_BOUND);
    }

    @Test
    void namesTheFileOfAForgedSegment(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = java.nio.file.Files.write(
                dir.resolve("forged.webm"), withRows(constant, Integer.MAX_VALUE - 8, Integer.MAX_VALUE - 8));
        try (WebmColumnar.ReadBuilder read = WebmColumnar.read(file)) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(read::verify))
                    .isInstanceOf(CorruptSegmentException.class)
                    .hasMessageStartingWith("row group 0 has 2147483639 rows")
                    .hasMessageEndingWith(" of " + file);
        }
    }

    @Test
    void readsAConsistentRowGroupAtTheBound() throws Exception {
        // The bound is a row count writers may write: a forged file that keeps to it is a valid one.
        byte[] forged = withRows(constant, ChunkDescriptor.MAX_ROWS, ChunkDescriptor.MAX_ROWS);
        List<Object[]> columns = WebmColumnar.read(forged).columns();
        assertThat(columns.get(0)).hasSize(ChunkDescriptor.MAX_ROWS).containsOnly(7L);
    }

    /**
     * Size fields of chunk indexes set to hostile values (and, for a row count, sometimes every track's and the
     * segment's row counts to agree with it): reading fails only with a CorruptSegmentException, within a bounded allocation, or decodes.
     */
    @Test
    void hostileSizeFieldsFailOnlyAsCorruptSegments() throws Exception {
        Random r = new Random(11);
        Schema schema = Schema.of(
                new Column("k", INT64, false),
                new Column("hr", ColumnType.of(ColumnType.Kind.FLOAT64), true),
                new Column("channel", ColumnType.of(ColumnType.Kind.STRING), true),
                new Column("note", ColumnType.of(ColumnType.Kind.STRING), true));
        List<Object[]> rows = TestData.rows(
                TestData.column(600, 0, i -> (long) r.nextInt(1000)),
                TestData.column(600, 13, i -> 60 + r.nextInt(400) / 10.0),
                TestData.column(600, 17, i -> new String[] {"web", "phone", "store"}[r.nextInt(3)]),
                TestData.column(600, 5, i -> "visit " + i + " went " + (r.nextBoolean() ? "well" : "badly")));
        byte[] segment = Segments.write(schema, rows, 250);
        int[] hostile = {
            0, 1, 2, 255, ChunkDescriptor.MAX_ROWS, ChunkDescriptor.MAX_ROWS + 1, 1 << 28, Integer.MAX_VALUE - 8
        };
        for (int round = 0; round < 300; round++) {
            int track = 1 + r.nextInt(schema.size());
            int group = r.nextInt(3);
            int field = r.nextInt(8);
            int size = r.nextInt(4) == 0 ? r.nextInt(5000) : hostile[r.nextInt(hostile.length)];
            boolean agree = field == 0 && r.nextBoolean();
            java.util.function.IntFunction<List<Integer>> groupRows = n -> {
                List<Integer> groups = new ArrayList<>(List.of(250, 250, 100));
                groups.set(group, n);
                return groups;
            };
            byte[] forged = ForgedSegments.withTags(segment, (tag, name, value) -> {
                if ((tag == track || agree && tag > 0) && name.equals(WebmConstants.TAG_CHUNKS)) {
                    return chunks(value, schema.column(tag - 1).type(), group, d -> withField(d, field, size));
                }
                if (agree && tag == 0 && name.equals(WebmConstants.TAG_ROW_GROUPS)) {
                    return ascii(
                            groupRows.apply(size).stream().map(String::valueOf).toList());
                }
                if (agree && tag == 0 && name.equals(WebmConstants.TAG_ROWS)) {
                    return ascii(List.of(Long.toString(groupRows.apply(size).stream()
                            .mapToLong(Integer::longValue)
                            .sum())));
                }
                return value;
            });
            ThreadAllocation.Measured m =
                    ThreadAllocation.of(() -> WebmColumnar.read(forged).verify());
            String what = "track " + track + " group " + group + " field " + field + " = " + size;
            if (m.thrown() != null) {
                assertThat(m.thrown()).as(what).isInstanceOf(CorruptSegmentException.class);
            }
            assertThat(m.bytes()).as(what).isLessThan(ALLOCATION_BOUND);
        }
    }

    /** The segment with its (single) row group's rows in the tags and the chunk index forged. */
    private static byte[] withRows(byte[] segment, int tagRows, int chunkRows) {
        try {
            return ForgedSegments.withTags(segment, (tag, name, value) -> switch (name) {
                case WebmConstants.TAG_ROWS, WebmConstants.TAG_ROW_GROUPS -> ascii(tagRows);
                case WebmConstants.TAG_CHUNKS -> chunks(value, d -> withRows(d, chunkRows, chunkRows));
                default -> value;
            });
        } catch (CorruptSegmentException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] ascii(long n) {
        return Long.toString(n).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] ascii(List<String> values) {
        return String.join(",", values).getBytes(StandardCharsets.US_ASCII);
    }

    /** The int64 chunk index with every chunk edited. */
    private static byte[] chunks(byte[] index, java.util.function.UnaryOperator<ChunkDescriptor> edit) {
        return chunks(index, INT64, -1, edit);
    }

    /** The chunk index with chunk {@code group} (every chunk if -1) edited, in the index's version. */
    private static byte[] chunks(
            byte[] index, ColumnType type, int group, java.util.function.UnaryOperator<ChunkDescriptor> edit) {
        List<ChunkDescriptor> chunks = new ArrayList<>(ChunkIndex.read(type, index));
        for (int g = 0; g < chunks.size(); g++) {
            if (group < 0 || g == group) {
                chunks.set(g, edit.apply(chunks.get(g)));
            }
        }
        return ChunkIndex.write(type, chunks, index[0]);
    }

    private static ChunkDescriptor withRows(ChunkDescriptor d, int rows, int streamLength) {
        List<StreamDescriptor> streams = new ArrayList<>();
        for (StreamDescriptor s : d.streams()) {
            streams.add(withLength(s, streamLength));
        }
        return new ChunkDescriptor(
                rows, d.nulls(), d.encoding(), d.param(), d.sampleCount(), streams, d.min(), d.max(), d.valueSet());
    }

    private static StreamDescriptor withLength(StreamDescriptor s, int length) {
        return new StreamDescriptor(
                length, s.transform(), s.first(), s.base(), s.split(), s.exceptions(), s.limbs(), s.narrowPlanes());
    }

    /** Field 0 rows, 1 nulls, 2 param, 3 sample count; 4-7 a stream's length, exceptions, limbs, narrow planes. */
    private static ChunkDescriptor withField(ChunkDescriptor d, int field, int v) {
        if (field < 4) {
            return new ChunkDescriptor(
                    field == 0 ? v : d.rows(),
                    field == 1 ? v : d.nulls(),
                    d.encoding(),
                    field == 2 ? v : d.param(),
                    field == 3 ? v : d.sampleCount(),
                    d.streams(),
                    d.min(),
                    d.max(),
                    d.valueSet());
        }
        List<StreamDescriptor> streams = new ArrayList<>(d.streams());
        int j = Math.floorMod(v, streams.size());
        StreamDescriptor s = streams.get(j);
        streams.set(
                j,
                new StreamDescriptor(
                        field == 4 ? v : s.length(),
                        s.transform(),
                        s.first(),
                        s.base(),
                        s.split() || field == 7,
                        field == 5 ? v : s.exceptions(),
                        field == 6 ? Math.min(v, 64) : s.limbs(),
                        field == 7 ? Math.min(v, 21) : s.narrowPlanes()));
        return new ChunkDescriptor(
                d.rows(), d.nulls(), d.encoding(), d.param(), d.sampleCount(), streams, d.min(), d.max(), d.valueSet());
    }
}
