package coop.cpc.lakehouse.application.cdc;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.function.Predicate;

/**
 * The shortest decimal that reads back as a finite float or double, the closest to it among those of that length:
 * the digits PostgreSQL 12+ prints when {@code extra_float_digits} is above 0. {@code Double.toString} and
 * {@code Float.toString} give them only from JDK 19; on JDK 17 they sometimes give a digit more
 * ({@code 2.82879384806159008E17} for {@code 2.82879384806159E17}, {@code 4.9E-324} for {@code 5e-324}).
 */
final class ShortestDigits {
    private ShortestDigits() {}

    static BigDecimal of(double value) {
        return shortest(new BigDecimal(value), 17, d -> Double.parseDouble(d.toString()) == value);
    }

    static BigDecimal of(float value) {
        return shortest(new BigDecimal(value), 9, d -> Float.parseFloat(d.toString()) == value);
    }

    /** @param maxDigits digits that always read back (17 for a double, 9 for a float) */
    private static BigDecimal shortest(BigDecimal exact, int maxDigits, Predicate<BigDecimal> readsBack) {
        for (int digits = 1; digits < maxDigits; digits++) {
            BigDecimal found = readingBack(exact, digits, readsBack);
            if (found != null) {
                return found;
            }
        }
        return exact.round(new MathContext(maxDigits, RoundingMode.HALF_EVEN));
    }

    /**
     * The {@code digits}-digit decimal nearest the exact value if it reads back; else the one on the other side (at a
     * power of two the interval that reads back is narrower below than above); else null.
     */
    private static BigDecimal readingBack(BigDecimal exact, int digits, Predicate<BigDecimal> readsBack) {
        BigDecimal nearest = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
        if (readsBack.test(nearest)) {
            return nearest;
        }
        BigDecimal down = exact.round(new MathContext(digits, RoundingMode.DOWN));
        BigDecimal other = nearest.compareTo(down) == 0 ? exact.round(new MathContext(digits, RoundingMode.UP)) : down;
        return readsBack.test(other) ? other : null;
    }
}
