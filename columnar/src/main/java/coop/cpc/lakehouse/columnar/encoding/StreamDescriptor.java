package coop.cpc.lakehouse.columnar.encoding;

/**
 * How one stream of a chunk was transformed and split into samples (section 6, stream):
 * escape mode (exceptions with limbs) or split mode (every residual as limbs).
 */
public record StreamDescriptor(
    int length, Transform transform, long[] first, long base, boolean split, int exceptions, int limbs) {

  /** Residuals: the values that are not kept as first values. */
  public int residualCount() {
    return length - Math.min(length, transform.order());
  }

  /** Samples this stream takes in the frame. */
  public long sampleCount() {
    return split ? (long) residualCount() * limbs : residualCount() + (long) exceptions * limbs;
  }
}
