package coop.cpc.lakehouse.columnar.encoding.floatbits;

/**
 * IEEE bits flipped so that integer order follows numeric order (section 5.1, FLOAT_BITS).
 * The mapping is its own inverse and keeps every bit, NaN payloads included.
 */
public final class SortableFloatBits {
    private SortableFloatBits() {}

    public static long encode(double v) {
        long bits = Double.doubleToRawLongBits(v);
        return bits ^ ((bits >> 63) & Long.MAX_VALUE);
    }

    public static double decodeDouble(long u) {
        return Double.longBitsToDouble(u ^ ((u >> 63) & Long.MAX_VALUE));
    }

    public static long encode(float v) {
        int bits = Float.floatToRawIntBits(v);
        return bits ^ ((bits >> 31) & Integer.MAX_VALUE);
    }

    public static float decodeFloat(long u) {
        int bits = (int) u;
        return Float.intBitsToFloat(bits ^ ((bits >> 31) & Integer.MAX_VALUE));
    }
}
