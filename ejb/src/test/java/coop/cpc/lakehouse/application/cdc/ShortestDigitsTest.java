package coop.cpc.lakehouse.application.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ShortestDigitsTest {
    /**
     * The definition, computed on exact interval bounds rather than by reading text back: the values that round to
     * {@code value} lie between the midpoints to its neighbours (bounds included when its significand is even);
     * the result is the shortest decimal in there, the nearest to {@code value} among those.
     */
    private static BigDecimal reference(BigDecimal exact, BigDecimal below, BigDecimal above, boolean even) {
        BigDecimal two = BigDecimal.valueOf(2);
        BigDecimal low = exact.add(below).divide(two);
        BigDecimal high = exact.add(above).divide(two);
        for (int digits = 1; ; digits++) {
            BigDecimal best = null;
            for (RoundingMode mode : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
                BigDecimal candidate = exact.round(new MathContext(digits, mode));
                int fromLow = candidate.compareTo(low);
                int toHigh = candidate.compareTo(high);
                boolean inside = even ? fromLow >= 0 && toHigh <= 0 : fromLow > 0 && toHigh < 0;
                if (inside && (best == null || nearer(candidate, best, exact))) {
                    best = candidate;
                }
            }
            if (best != null) {
                return best;
            }
        }
    }

    /** Nearer to the exact value; at a tie, the one whose last digit is even (as Ryu and C's printf round). */
    private static boolean nearer(BigDecimal candidate, BigDecimal best, BigDecimal exact) {
        int order =
                candidate.subtract(exact).abs().compareTo(best.subtract(exact).abs());
        return order < 0 || order == 0 && !candidate.unscaledValue().testBit(0);
    }

    private static BigDecimal reference(double value) {
        return reference(value, Math.nextDown(Math.abs(value)), Math.ulp(value));
    }

    private static BigDecimal reference(float value) {
        return reference(value, Math.nextDown(Math.abs(value)), Math.ulp(value));
    }

    /**
     * The reference of {@code value} (a float widens to double exactly) from its magnitude's neighbour below and the
     * distance to the one above, {@code ulp}: the neighbour above is the magnitude plus {@code ulp} (also past the
     * largest finite value, where none exists), and the magnitude over {@code ulp} is its significand.
     */
    private static BigDecimal reference(double value, double below, double ulp) {
        BigDecimal exact = new BigDecimal(Math.abs(value));
        BigDecimal step = new BigDecimal(ulp);
        boolean even = !exact.divide(step).toBigIntegerExact().testBit(0);
        BigDecimal shortest = reference(exact, new BigDecimal(below), exact.add(step), even);
        return value < 0 ? shortest.negate() : shortest;
    }

    @Test
    void doublesGetTheShortestNearestDigitsOverRandomValues() {
        Random random = new Random(16);
        for (int i = 0; i < 20_000; i++) {
            double value = i % 2 == 0
                    ? Double.longBitsToDouble(random.nextLong())
                    : Double.parseDouble((random.nextLong(100_000_000_000_000L, 1_000_000_000_000_000L)) + "e"
                            + (random.nextInt(80) - 40));
            if (!Double.isFinite(value) || value == 0) {
                continue;
            }
            assertThat(ShortestDigits.of(value)).as("%s", value).isEqualByComparingTo(reference(value));
        }
    }

    @Test
    void floatsGetTheShortestNearestDigitsOverRandomValues() {
        Random random = new Random(17);
        for (int i = 0; i < 20_000; i++) {
            float value = i % 2 == 0
                    ? Float.intBitsToFloat(random.nextInt())
                    : Float.parseFloat(random.nextInt(1_000_000, 10_000_000) + "e" + (random.nextInt(40) - 20));
            if (!Float.isFinite(value) || value == 0) {
                continue;
            }
            assertThat(ShortestDigits.of(value)).as("%s", value).isEqualByComparingTo(reference(value));
        }
    }

    @Test
    void powersOfTwoAndTheExtremesGetTheShortestDigits() {
        for (double value : new double[] {Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, 0x1p-1000, 0x1p1000}) {
            assertThat(ShortestDigits.of(value)).as("%s", value).isEqualByComparingTo(reference(value));
        }
        for (float value : new float[] {Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE, 0x1p-100f, 0x1p100f}) {
            assertThat(ShortestDigits.of(value)).as("%s", value).isEqualByComparingTo(reference(value));
        }
        assertThat(ShortestDigits.of(Double.MIN_VALUE)).isEqualByComparingTo("5e-324");
        // 3480871.75 is as near 3480871.7 as 3480871.8, both read back: the even last digit, as PostgreSQL prints.
        assertThat(ShortestDigits.of(3480871.75f)).isEqualByComparingTo("3480871.8");
    }
}
