package coop.cpc.lakehouse.columnar.encoding;

/**
 * How one stream of a chunk was transformed and split into samples (section 6, stream):
 * escape mode (exceptions with limbs), split mode (every residual as limbs) or, from format
 * version 2, narrow split mode (split mode for the high bits, then {@code narrowPlanes} planes of
 * 3-bit samples for the low bits; {@code split} is true).
 */
public record StreamDescriptor(
        int length,
        Transform transform,
        long[] first,
        long base,
        boolean split,
        int exceptions,
        int limbs,
        int narrowPlanes) {

    /** A version 1 stream (no narrow planes). */
    public StreamDescriptor(
            int length, Transform transform, long[] first, long base, boolean split, int exceptions, int limbs) {
        this(length, transform, first, base, split, exceptions, limbs, 0);
    }

    /** Residuals: the values that are not kept as first values. */
    public int residualCount() {
        return length - Math.min(length, transform.order());
    }

    /** Samples this stream takes in the frame. */
    public long sampleCount() {
        return split ? (long) residualCount() * (limbs + narrowPlanes) : residualCount() + (long) exceptions * limbs;
    }
}
