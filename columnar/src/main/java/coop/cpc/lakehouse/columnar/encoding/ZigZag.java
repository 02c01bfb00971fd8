package coop.cpc.lakehouse.columnar.encoding;

/** Zig-zag mapping of signed to unsigned 64-bit integers: 0, -1, 1, -2 ... become 0, 1, 2, 3 ... */
public final class ZigZag {
    private ZigZag() {}

    public static long encode(long v) {
        return (v << 1) ^ (v >> 63);
    }

    public static long decode(long u) {
        return (u >>> 1) ^ -(u & 1);
    }
}
