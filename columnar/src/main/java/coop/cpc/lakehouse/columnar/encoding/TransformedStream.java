package coop.cpc.lakehouse.columnar.encoding;

/** A stream after its transform: the kept first values, the base and the unsigned residuals. */
public record TransformedStream(Transform transform, int length, long[] first, long base, long[] residuals) {

    /** Section 5.2's cost: the sum of bitLength(u) + 1 over the residuals. */
    public long cost() {
        long c = 0;
        for (long u : residuals) {
            c += 65 - Long.numberOfLeadingZeros(u);
        }
        return c;
    }
}
