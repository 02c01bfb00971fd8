package coop.cpc.lakehouse.columnar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rows handed to the writer as whole columns with the positions of the rows to keep ({@code addColumns}, the
 * compaction's path) give the bytes of the same rows added one by one, across row group boundaries, encoded at
 * close or ahead; columns not flagged as normalized are still checked.
 */
class AddColumnsTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void gatheredColumnsGiveTheBytesOfTheSameRowsAddedOneByOne(long seed) throws IOException {
        Random r = new Random(seed);
        String[] types = {"int64", "int32", "decimal(12,2)", "string", "float64", "timestamp_ms", "bool", "bytes"};
        List<Column> columns = new ArrayList<>();
        for (int c = 0; c < 1 + r.nextInt(5); c++) {
            columns.add(new Column("c" + c, ColumnType.parse(types[r.nextInt(types.length)]), true));
        }
        Schema schema = new Schema(columns);
        int groupSize = 1 + r.nextInt(700);
        boolean ahead = seed % 2 == 0;
        boolean[] normalized = new boolean[columns.size()];
        for (int c = 0; c < normalized.length; c++) {
            normalized[c] = r.nextBoolean();
        }
        ByteArrayOutputStream byRow = new ByteArrayOutputStream();
        ByteArrayOutputStream byColumns = new ByteArrayOutputStream();
        try (SegmentWriter rows = writer(byRow, schema, groupSize, ahead);
                SegmentWriter gathered = writer(byColumns, schema, groupSize, ahead)) {
            // Several batches (as a reader's row groups), each keeping a random subset of its rows in order.
            for (int batch = 0; batch < 1 + r.nextInt(6); batch++) {
                int size = 1 + r.nextInt(900);
                Object[][] values = new Object[columns.size()][size];
                for (int c = 0; c < values.length; c++) {
                    for (int i = 0; i < size; i++) {
                        Object value = r.nextInt(10) == 0
                                ? null
                                : TestData.random(columns.get(c).type(), r);
                        values[c][i] = value == null ? null : Values.normalize(columns.get(c), value);
                    }
                }
                int[] positions = new int[size + 2];
                int count = 0;
                for (int i = 0; i < size; i++) {
                    if (r.nextInt(4) != 0) {
                        positions[1 + count++] = i;
                    }
                }
                for (int i = 1; i <= count; i++) {
                    Object[] row = new Object[values.length];
                    for (int c = 0; c < row.length; c++) {
                        row[c] = values[c][positions[i]];
                    }
                    rows.add(row);
                }
                gathered.addColumns(values, positions, 1, count, normalized);
            }
            rows.add(new Object[columns.size()]);
            gathered.add(new Object[columns.size()]);
        }
        assertThat(byColumns.toByteArray()).isEqualTo(byRow.toByteArray());
    }

    @Test
    void aColumnNotFlaggedNormalizedIsNormalizedAndChecked() throws IOException {
        Schema schema = new Schema(List.of(
                new Column("id", ColumnType.of(ColumnType.Kind.INT64), false),
                new Column("amount", ColumnType.decimal(12, 2), true)));
        ByteArrayOutputStream byRow = new ByteArrayOutputStream();
        ByteArrayOutputStream byColumns = new ByteArrayOutputStream();
        try (SegmentWriter rows = writer(byRow, schema, 2, false);
                SegmentWriter gathered = writer(byColumns, schema, 2, false)) {
            rows.add(1, new BigDecimal("1.5"));
            rows.add(2L, new BigDecimal("2"));
            Object[][] values = {{1, 2L}, {new BigDecimal("1.5"), new BigDecimal("2")}};
            gathered.addColumns(values, new int[] {0, 1}, 0, 2, new boolean[2]);
        }
        assertThat(byColumns.toByteArray()).isEqualTo(byRow.toByteArray());

        SegmentWriter checked = writer(new ByteArrayOutputStream(), schema, 2, false);
        Object[][] bad = {{null}, {BigDecimal.ONE}};
        assertThatThrownBy(() -> checked.addColumns(bad, new int[] {0}, 0, 1, new boolean[] {false, true}))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("'id' is not nullable");
        Object[][] narrow = {{1L}};
        assertThatThrownBy(() -> checked.addColumns(narrow, new int[] {0}, 0, 1, new boolean[1]))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("1 columns, the schema 2 columns");
    }

    /** The change stager's path: rows it normalized for the schema are taken as they are and give the same bytes. */
    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14})
    void rowsAddedAsNormalizedGiveTheBytesOfTheSameRowsAdded(long seed) throws IOException {
        Random r = new Random(seed);
        String[] types = {"int64", "int32", "decimal(12,2)", "string", "float64", "timestamp_us", "date", "bytes"};
        List<Column> columns = new ArrayList<>();
        for (int c = 0; c < 1 + r.nextInt(6); c++) {
            columns.add(new Column("c" + c, ColumnType.parse(types[r.nextInt(types.length)]), true));
        }
        Schema schema = new Schema(columns);
        int groupSize = 1 + r.nextInt(500);
        boolean ahead = seed % 2 == 0;
        ByteArrayOutputStream added = new ByteArrayOutputStream();
        ByteArrayOutputStream addedNormalized = new ByteArrayOutputStream();
        try (SegmentWriter rows = writer(added, schema, groupSize, ahead);
                SegmentWriter normalizedRows = writer(addedNormalized, schema, groupSize, ahead)) {
            for (int i = 0; i < 1 + r.nextInt(2_000); i++) {
                Object[] row = new Object[columns.size()];
                Object[] normalized = new Object[columns.size()];
                for (int c = 0; c < row.length; c++) {
                    row[c] = r.nextInt(10) == 0
                            ? null
                            : TestData.random(columns.get(c).type(), r);
                    normalized[c] = Values.normalize(columns.get(c), row[c]);
                }
                rows.add(row);
                normalizedRows.addNormalized(normalized);
            }
        }
        assertThat(addedNormalized.toByteArray()).isEqualTo(added.toByteArray());
    }

    private SegmentWriter writer(ByteArrayOutputStream out, Schema schema, int groupSize, boolean ahead) {
        WebmColumnar.WriteBuilder builder =
                WebmColumnar.write(out).schema(schema).rowGroupSize(groupSize);
        if (ahead) {
            builder.encodeAhead(pool, 2);
        }
        return builder.build();
    }
}
