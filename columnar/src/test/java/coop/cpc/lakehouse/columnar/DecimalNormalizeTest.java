package coop.cpc.lakehouse.columnar;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Values#normalize} of decimals already at the column's scale (what sources decode and parse) returns
 * the same value, or refuses it with the same message, as the check by stripped digits and rescaling does for
 * every decimal (kept here as the oracle).
 */
class DecimalNormalizeTest {
    /** The normalization of decimals as it was before values at the column's scale were taken as they are. */
    private static BigDecimal byStrippingAndRescaling(ColumnType t, BigDecimal d) {
        BigDecimal stripped = d.stripTrailingZeros();
        if (d.signum() != 0 && stripped.scale() > t.scale()) {
            throw new ArithmeticException("more than " + t.scale() + " fractional digits");
        }
        if (d.signum() != 0 && (long) stripped.precision() - stripped.scale() > t.precision() - t.scale()) {
            throw new ArithmeticException("more than " + (t.precision() - t.scale()) + " integer digits");
        }
        BigDecimal s = d.setScale(t.scale(), RoundingMode.UNNECESSARY);
        if (s.precision() > t.precision() && s.signum() != 0) {
            throw new ArithmeticException(d.toPlainString() + " has more than " + t.precision() + " digits");
        }
        return s;
    }

    private static String outcome(ColumnType t, Column column, BigDecimal d, boolean oracle) {
        try {
            BigDecimal v = oracle ? byStrippingAndRescaling(t, d) : (BigDecimal) Values.normalize(column, d);
            return v.unscaledValue() + "e-" + v.scale();
        } catch (ArithmeticException e) {
            return "refused: column 'x' (" + t + "): " + e.getMessage();
        } catch (SchemaException e) {
            return "refused: " + e.getMessage();
        }
    }

    @Test
    void decimalsAtAnyScaleNormalizeAsByStrippingAndRescaling() {
        Random r = new Random(1625);
        int atColumnScale = 0;
        for (int i = 0; i < 200_000; i++) {
            int precision = 1 + r.nextInt(18);
            int scale = r.nextInt(precision + 1);
            ColumnType t = ColumnType.decimal(precision, scale);
            Column column = new Column("x", t, false);
            // Unscaled values up to 21 digits (some past the column's precision), trailing zeros, zeros and signs.
            int digits = 1 + r.nextInt(21);
            BigInteger unscaled = r.nextInt(10) == 0
                    ? BigInteger.ZERO
                    : new BigInteger(digits * 4, r).mod(BigInteger.TEN.pow(digits));
            if (r.nextInt(4) == 0) {
                unscaled = unscaled.multiply(BigInteger.TEN.pow(1 + r.nextInt(3)));
            }
            if (r.nextBoolean()) {
                unscaled = unscaled.negate();
            }
            int valueScale = r.nextInt(3) == 0 ? r.nextInt(25) - 3 : scale;
            atColumnScale += valueScale == scale ? 1 : 0;
            BigDecimal d = new BigDecimal(unscaled, valueScale);
            assertThat(outcome(t, column, d, false)).as("%s as %s", d, t).isEqualTo(outcome(t, column, d, true));
        }
        assertThat(atColumnScale).isGreaterThan(100_000);
    }

    @Test
    void aDecimalAtTheColumnsScaleIsReturnedAsItIs() {
        ColumnType t = ColumnType.decimal(12, 2);
        BigDecimal d = new BigDecimal("1234.50");
        assertThat(Values.normalize(new Column("x", t, false), d)).isSameAs(d);
    }
}
