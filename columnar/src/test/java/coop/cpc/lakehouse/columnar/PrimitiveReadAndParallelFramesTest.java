package coop.cpc.lakehouse.columnar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Row groups are encoded and decoded in parallel with the same bytes and values as on one thread, and
 * numeric columns read as primitive arrays per row group equal the boxed values.
 */
class PrimitiveReadAndParallelFramesTest {
    private static final Schema SCHEMA = Schema.of(
            new Column("id", ColumnType.of(ColumnType.Kind.INT64), false),
            new Column("n", ColumnType.of(ColumnType.Kind.INT32), true),
            new Column("ts", ColumnType.of(ColumnType.Kind.TIMESTAMP_US), true),
            new Column("amount", ColumnType.parse("decimal(12,2)"), false),
            new Column("x", ColumnType.of(ColumnType.Kind.FLOAT64), true),
            new Column("name", ColumnType.of(ColumnType.Kind.STRING), false));

    private static List<Object[]> rows(int count) {
        Random r = new Random(3);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(new Object[] {
                r.nextLong() >>> 20,
                r.nextInt(10) == 0 ? null : r.nextInt(1000) - 500,
                r.nextInt(7) == 0 ? null : Instant.ofEpochSecond(1_700_000_000L + i, r.nextInt(1_000_000) * 1000L),
                BigDecimal.valueOf(r.nextInt(1_000_000), 2),
                r.nextInt(5) == 0 ? null : r.nextGaussian(),
                "c" + r.nextInt(4)
            });
        }
        return rows;
    }

    private static byte[] write(List<Object[]> rows, int threads) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SegmentWriter w = WebmColumnar.write(out)
                .schema(SCHEMA)
                .rowGroupSize(1000)
                .threads(threads)
                .build()) {
            for (Object[] row : rows) {
                w.add(row);
            }
        }
        return out.toByteArray();
    }

    @Test
    void rowGroupsEncodeAndDecodeInParallelWithTheBytesAndValuesOfOneThread() throws Exception {
        List<Object[]> rows = rows(3500);
        byte[] one = write(rows, 1);
        byte[] three = write(rows, 3);
        assertThat(three).isEqualTo(one);
        Segments.assertSameRows(WebmColumnar.read(one).threads(3).rows(), rows);
    }

    @Test
    void numericColumnsReadAsPrimitiveArraysPerRowGroupEqualTheBoxedValues() throws Exception {
        List<Object[]> rows = rows(2500);
        byte[] seg = write(rows, 1);
        for (int c = 0; c < 5; c++) {
            Column column = SCHEMA.column(c);
            List<PrimitiveChunk> chunks = WebmColumnar.read(seg).threads(2).primitives(column.name());
            assertThat(chunks).extracting(PrimitiveChunk::rowGroup).containsExactly(0, 1, 2);
            assertThat(chunks).extracting(PrimitiveChunk::rows).containsExactly(1000, 1000, 500);
            int row = 0;
            for (PrimitiveChunk chunk : chunks) {
                for (int i = 0; i < chunk.rows(); i++, row++) {
                    Object expected = rows.get(row)[c];
                    assertThat(chunk.isNull(i))
                            .as("null flag of %s row %d", column.name(), row)
                            .isEqualTo(expected == null);
                    if (expected == null) {
                        continue;
                    }
                    if (column.type().kind() == ColumnType.Kind.FLOAT64) {
                        assertThat(chunk.doubles()[i]).isEqualTo((Double) expected);
                    } else {
                        assertThat(chunk.longs()[i])
                                .as("%s row %d", column.name(), row)
                                .isEqualTo(Values.toLong(column.type(), Values.normalize(column, expected)));
                    }
                }
            }
        }
        assertThat(WebmColumnar.read(seg).primitives("n").get(0).ints()).hasSize(1000);
        assertThatThrownBy(() -> WebmColumnar.read(seg).primitives("name"))
                .hasMessage("column name is string, which has no primitive form");
    }
}
