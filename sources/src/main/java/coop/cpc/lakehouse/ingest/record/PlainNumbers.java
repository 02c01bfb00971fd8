package coop.cpc.lakehouse.ingest.record;

import coop.cpc.lakehouse.columnar.ColumnType;
import java.math.BigDecimal;

/**
 * Numbers in their common CSV shape ({@code -12}, {@code 8.77}) read without the regular expressions and
 * intermediate objects of the general path ({@link coop.cpc.lakehouse.columnar.Values#parse}, {@code new
 * BigDecimal} then rescaling): each method gives exactly the value the general path gives the same text, or
 * null when the text is not in that shape and the general path must read (or refuse) it.
 */
final class PlainNumbers {
    /** Digits a long always holds. */
    private static final int LONG_DIGITS = 18;

    private static final long[] POWERS_OF_TEN = new long[LONG_DIGITS + 1];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private PlainNumbers() {}

    /** An optional sign and 1 to 18 ASCII digits, as a Long (int64) or Integer (int32 with up to 9 digits). */
    static Object integer(ColumnType.Kind kind, String text) {
        int start = signLength(text);
        int digits = text.length() - start;
        int most = kind == ColumnType.Kind.INT32 ? 9 : LONG_DIGITS;
        if (digits < 1 || digits > most || !allDigits(text, start, text.length())) {
            return null;
        }
        long value = Long.parseLong(text);
        return kind == ColumnType.Kind.INT32 ? (Object) (int) value : (Object) value;
    }

    /**
     * An optional sign, ASCII digits, and optionally a point and at most {@code scale} digits, fitting the
     * column: the decimal at the column's scale, as the general path normalizes it.
     */
    static BigDecimal decimal(ColumnType type, String text) {
        int start = signLength(text);
        int point = text.indexOf('.', start);
        int intEnd = point < 0 ? text.length() : point;
        int fraction = point < 0 ? 0 : text.length() - point - 1;
        int scale = type.scale();
        if (intEnd == start
                || (point >= 0 && fraction == 0)
                || fraction > scale
                || !allDigits(text, start, intEnd)
                || !allDigits(text, intEnd + (point < 0 ? 0 : 1), text.length())) {
            return null;
        }
        int firstNonZero = start;
        while (firstNonZero < intEnd - 1 && text.charAt(firstNonZero) == '0') {
            firstNonZero++;
        }
        int integerDigits = intEnd - firstNonZero;
        boolean zeroInteger = integerDigits == 1 && text.charAt(firstNonZero) == '0';
        if ((!zeroInteger && integerDigits > type.precision() - scale) || integerDigits + scale > LONG_DIGITS) {
            return null;
        }
        long unscaled = Long.parseLong(text, firstNonZero, intEnd, 10) * POWERS_OF_TEN[scale];
        if (fraction > 0) {
            unscaled += Long.parseLong(text, point + 1, text.length(), 10) * POWERS_OF_TEN[scale - fraction];
        }
        return BigDecimal.valueOf(text.charAt(0) == '-' ? -unscaled : unscaled, scale);
    }

    /**
     * An optional sign, 1 to 30 ASCII digits and optionally a point and more digits (no exponent, 40 characters
     * at most: such a literal neither overflows nor underflows even a float32), as a Double (float64) or Float
     * (float32).
     */
    static Object floating(ColumnType.Kind kind, String text) {
        int start = signLength(text);
        int point = text.indexOf('.', start);
        int intEnd = point < 0 ? text.length() : point;
        if (text.length() > 40
                || intEnd == start
                || intEnd - start > 30
                || !allDigits(text, start, intEnd)
                || (point >= 0 && !allDigits(text, point + 1, text.length()))) {
            return null;
        }
        return kind == ColumnType.Kind.FLOAT32 ? (Object) Float.parseFloat(text) : (Object) Double.parseDouble(text);
    }

    private static int signLength(String text) {
        return !text.isEmpty() && (text.charAt(0) == '-' || text.charAt(0) == '+') ? 1 : 0;
    }

    private static boolean allDigits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
