package coop.cpc.lakehouse.columnar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Values#toLong} of decimals: the unscaled value, whether the decimal holds it as a long or a BigInteger. */
class DecimalIntegerFormTest {
    private static final ColumnType TYPE = ColumnType.decimal(18, 2);

    @Test
    void theIntegerFormIsTheUnscaledValueForEveryRepresentation() {
        List<BigDecimal> decimals = List.of(
                BigDecimal.valueOf(123_456, 2),
                BigDecimal.valueOf(-99_999_999_999L, 2),
                new BigDecimal(BigInteger.valueOf(4_200), 2),
                new BigDecimal(new BigInteger("999999999999999999"), 2),
                BigDecimal.valueOf(7, 0),
                BigDecimal.valueOf(12, -3),
                BigDecimal.ZERO,
                BigDecimal.valueOf(Long.MIN_VALUE, 2),
                BigDecimal.valueOf(Long.MAX_VALUE, 5));
        for (BigDecimal d : decimals) {
            assertEquals(d.unscaledValue().longValueExact(), Values.toLong(TYPE, d), d.toString());
        }
    }

    @Test
    void anUnscaledValueBeyondALongIsRefused() {
        BigDecimal tooLarge = new BigDecimal(new BigInteger("92233720368547758080"), 2);
        assertThrows(ArithmeticException.class, () -> Values.toLong(TYPE, tooLarge));
    }

    @Test
    void theIntegerFormRoundTripsThroughTheDecodedValue() {
        for (long x : new long[] {0, 1, -1, 9_999_999, -123_456_789_012L}) {
            assertEquals(x, Values.toLong(TYPE, Values.fromLong(TYPE, x)));
        }
    }
}
