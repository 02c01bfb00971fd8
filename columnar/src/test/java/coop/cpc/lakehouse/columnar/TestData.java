package coop.cpc.lakehouse.columnar;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

/** Seeded generators of column values shaped like the adapters' data. */
public final class TestData {
    private static final long FIRST_AD_SECOND =
            Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
    private static final long STORED_SECONDS =
            Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond() - FIRST_AD_SECOND;
    private static final long FIRST_AD_MILLI = FIRST_AD_SECOND * 1000;
    private static final long STORED_MILLIS = STORED_SECONDS * 1000;

    private TestData() {}

    /** One column of n values from the generator; every nullEvery-th value null (0: none). */
    public static Object[] column(int n, int nullEvery, IntFunction<Object> gen) {
        Object[] v = new Object[n];
        for (int i = 0; i < n; i++) {
            v[i] = nullEvery > 0 && i % nullEvery == nullEvery - 1 ? null : gen.apply(i);
        }
        return v;
    }

    public static List<Object[]> rows(Object[]... columns) {
        List<Object[]> rows = new ArrayList<>();
        for (int r = 0; r < columns[0].length; r++) {
            Object[] row = new Object[columns.length];
            for (int c = 0; c < columns.length; c++) {
                row[c] = columns[c][r];
            }
            rows.add(row);
        }
        return rows;
    }

    /** Random values of a type, wide ranges and edge values included. */
    public static Object random(ColumnType t, Random r) {
        return switch (t.kind()) {
            case BOOL -> r.nextBoolean();
            case INT32 -> r.nextInt(10) == 0 ? (r.nextBoolean() ? Integer.MIN_VALUE : Integer.MAX_VALUE) : r.nextInt();
            case INT64 -> r.nextInt(10) == 0 ? (r.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE) : r.nextLong();
            case FLOAT32 ->
                switch (r.nextInt(8)) {
                    case 0 -> Float.NaN;
                    case 1 -> -0.0f;
                    case 2 -> Float.NEGATIVE_INFINITY;
                    case 3 -> Float.MIN_VALUE;
                    default -> Float.intBitsToFloat(r.nextInt());
                };
            case FLOAT64 ->
                switch (r.nextInt(8)) {
                    case 0 -> Double.NaN;
                    case 1 -> -0.0;
                    case 2 -> Double.POSITIVE_INFINITY;
                    case 3 -> Double.MAX_VALUE;
                    default -> r.nextGaussian() * 1e6;
                };
            case DECIMAL -> BigDecimal.valueOf(r.nextLong() % (long) Math.pow(10, t.precision()), t.scale());
            // Years 1 to 9999, the range an asset stores.
            case TIMESTAMP_MS -> Instant.ofEpochMilli(FIRST_AD_MILLI + Math.floorMod(r.nextLong(), STORED_MILLIS));
            case TIMESTAMP_US ->
                Instant.ofEpochSecond(
                        FIRST_AD_SECOND + Math.floorMod(r.nextLong(), STORED_SECONDS), r.nextInt(1_000_000) * 1000L);
            case DATE -> LocalDate.ofEpochDay(r.nextInt(2_000_000) - 700_000);
            case STRING -> randomString(r);
            case BYTES -> {
                byte[] b = new byte[r.nextInt(12)];
                r.nextBytes(b);
                yield b;
            }
        };
    }

    private static String randomString(Random r) {
        int len = r.nextInt(10);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            int kind = r.nextInt(10);
            sb.appendCodePoint(
                    kind < 6
                            ? 'a' + r.nextInt(26)
                            : kind < 8 ? ",\"\n \r".charAt(r.nextInt(5)) : kind < 9 ? 0xE9 : 0x1F600);
        }
        return sb.toString();
    }

    /** A smooth vital sign with one decimal, like a heart rate. */
    public static double[] heartRate(int n, Random r) {
        double[] v = new double[n];
        double x = 72;
        for (int i = 0; i < n; i++) {
            x = Math.max(40, Math.min(180, x + r.nextGaussian() * 0.4));
            v[i] = Math.round(x * 10) / 10.0;
        }
        return v;
    }

    public static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
