package coop.cpc.lakehouse.columnar;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random schemas, value shapes (random, constant, smooth, few distinct), null rates and
 * row-group sizes: every combination must come back exactly and pass the oracles.
 */
class RandomSchemaRoundTripTest {
    private static final String[] TYPES = {
        "bool",
        "int32",
        "int64",
        "float32",
        "float64",
        "decimal(18,3)",
        "decimal(4,1)",
        "timestamp_ms",
        "timestamp_us",
        "date",
        "string",
        "bytes"
    };

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void roundTripsARandomTable(long seed) throws Exception {
        Random r = new Random(seed);
        int columns = 1 + r.nextInt(4);
        List<Column> cols = new ArrayList<>();
        List<Object[]> values = new ArrayList<>();
        int rows = 1 + r.nextInt(r.nextBoolean() ? 40 : 1500);
        for (int c = 0; c < columns; c++) {
            ColumnType type = ColumnType.parse(TYPES[r.nextInt(TYPES.length)]);
            cols.add(new Column("c" + c, type, true));
            int shape = r.nextInt(4);
            int nullEvery = r.nextInt(4) == 0 ? 2 + r.nextInt(5) : 0;
            long seedOfColumn = r.nextLong();
            Random few = new Random(seedOfColumn);
            Object constant = TestData.random(type, new Random(seedOfColumn));
            Object[] distinct = {TestData.random(type, few), TestData.random(type, few), TestData.random(type, few)};
            values.add(TestData.column(rows, nullEvery, i -> switch (shape) {
                case 0 -> TestData.random(type, r);
                case 1 -> constant;
                case 2 -> distinct[r.nextInt(distinct.length)];
                default -> smooth(type, i, r);
            }));
        }
        Segments.roundTrip(new Schema(cols), TestData.rows(values.toArray(Object[][]::new)), 1 + r.nextInt(rows + 10));
    }

    private static Object smooth(ColumnType t, int i, Random r) {
        return switch (t.kind()) {
            case BOOL -> i % 50 < 25;
            case INT32 -> i * 3 + r.nextInt(3);
            case INT64 -> 1_000_000_000_000L + i * 1000L + r.nextInt(5);
            case FLOAT32 -> (float) (Math.round((20 + i * 0.01 + r.nextGaussian() * 0.1) * 10) / 10.0);
            case FLOAT64 -> Math.round((70 + Math.sin(i / 50.0) * 5) * 100) / 100.0;
            case DECIMAL -> java.math.BigDecimal.valueOf(i * 7L % 9000, t.scale());
            case TIMESTAMP_MS -> java.time.Instant.ofEpochMilli(1_600_000_000_000L + i * 1000L);
            case TIMESTAMP_US -> java.time.Instant.ofEpochSecond(1_600_000_000L + i, 250_000);
            case DATE -> java.time.LocalDate.ofEpochDay(18_000 + i / 10);
            case STRING -> "s" + (i % 7);
            case BYTES -> new byte[] {(byte) (i % 3), 1};
        };
    }
}
