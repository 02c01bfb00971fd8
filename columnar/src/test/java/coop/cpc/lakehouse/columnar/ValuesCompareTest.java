package coop.cpc.lakehouse.columnar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * {@link Values#compare} of the types compared by their Java class gives what that class's {@code compareTo}
 * gives (the exact int, not only its sign), for canonical values and for the not yet normalized ones a source may
 * hand in.
 */
class ValuesCompareTest {
    private static final int PAIRS = 20_000;

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int byCompareTo(Object a, Object b) {
        return ((Comparable) a).compareTo(b);
    }

    private static void sameAsCompareTo(ColumnType type, Supplier<Object> values) {
        for (int i = 0; i < PAIRS; i++) {
            Object a = values.get();
            Object b = i % 7 == 0 ? a : values.get();
            assertThat(Values.compare(type, a, b))
                    .as("%s: %s vs %s", type, a, b)
                    .isEqualTo(byCompareTo(a, b));
            assertThat(Values.compare(type, b, a))
                    .as("%s: %s vs %s", type, b, a)
                    .isEqualTo(byCompareTo(b, a));
        }
    }

    @Test
    void integersAndFloatsCompareAsTheirCompareToDoes() {
        Random r = new Random(16);
        sameAsCompareTo(
                ColumnType.of(ColumnType.Kind.INT64), () -> r.nextInt(4) == 0 ? (long) r.nextInt(5) : r.nextLong());
        sameAsCompareTo(ColumnType.of(ColumnType.Kind.INT32), () -> r.nextInt(4) == 0 ? r.nextInt(5) : r.nextInt());
        double[] special = {Double.NaN, -0.0, 0.0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.MIN_VALUE
        };
        sameAsCompareTo(
                ColumnType.of(ColumnType.Kind.FLOAT64),
                () -> r.nextInt(3) == 0 ? special[r.nextInt(special.length)] : Double.longBitsToDouble(r.nextLong()));
        sameAsCompareTo(
                ColumnType.of(ColumnType.Kind.FLOAT32),
                () -> r.nextInt(3) == 0
                        ? (float) special[r.nextInt(special.length)]
                        : Float.intBitsToFloat(r.nextInt()));
        sameAsCompareTo(ColumnType.of(ColumnType.Kind.BOOL), () -> r.nextBoolean());
    }

    @Test
    void decimalsTimestampsAndDatesCompareAsTheirCompareToDoes() {
        Random r = new Random(25);
        // Scales differ too (a source's value before normalizing), and equal values of other scales.
        sameAsCompareTo(ColumnType.decimal(18, 4), () -> BigDecimal.valueOf(r.nextInt(2_000) - 1_000, r.nextInt(5)));
        sameAsCompareTo(
                ColumnType.of(ColumnType.Kind.TIMESTAMP_US),
                () -> Instant.ofEpochSecond(
                        r.nextInt(3) - 1 + (r.nextBoolean() ? 0 : r.nextLong() % 200_000_000_000L),
                        r.nextInt(3) * 999_999_000));
        sameAsCompareTo(
                ColumnType.of(ColumnType.Kind.TIMESTAMP_MS), () -> Instant.ofEpochMilli(r.nextLong() % 1_000_000));
        sameAsCompareTo(
                ColumnType.of(ColumnType.Kind.DATE), () -> LocalDate.ofEpochDay(r.nextInt(5_000_000) - 2_500_000));
    }

    @Test
    void valuesOfAnotherClassAreComparedByTheFirstOnesCompareTo() {
        ColumnType int64 = ColumnType.of(ColumnType.Kind.INT64);
        // Integers in an int64 column (a source's rows before normalizing, as a sort or the statistics meet them).
        assertThat(Values.compare(int64, 3, 5)).isEqualTo(-1);
        assertThat(Values.compare(int64, 5, 5)).isZero();
        assertThatThrownBy(() -> Values.compare(int64, 3L, 5)).isInstanceOf(ClassCastException.class);
        assertThatThrownBy(() -> Values.compare(int64, 3, 5L)).isInstanceOf(ClassCastException.class);
    }
}
