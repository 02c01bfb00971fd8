package coop.cpc.lakehouse.columnar.encoding;

import coop.cpc.lakehouse.columnar.encoding.delta.Differences;
import coop.cpc.lakehouse.columnar.encoding.forref.FrameOfReference;
import java.util.Locale;

/**
 * Integer transforms from a stream to unsigned residuals (section 5.2): differences of order
 * 0, 1 or 2, then frame of reference or zig-zag. The wire ids are stable.
 */
public enum Transform {
  FOR(0, 0, false),
  ZIGZAG(1, 0, true),
  DELTA_FOR(2, 1, false),
  DELTA_ZIGZAG(3, 1, true),
  DELTA2_FOR(4, 2, false),
  DELTA2_ZIGZAG(5, 2, true);

  private final int wireId;
  private final int order;
  private final boolean zigzag;

  Transform(int wireId, int order, boolean zigzag) {
    this.wireId = wireId;
    this.order = order;
    this.zigzag = zigzag;
  }

  public int wireId() {
    return wireId;
  }

  /** How many leading values are kept in the chunk index instead of becoming residuals. */
  public int order() {
    return order;
  }

  public boolean zigzag() {
    return zigzag;
  }

  public static Transform fromWireId(long id) {
    for (Transform t : values()) {
      if (t.wireId == id) {
        return t;
      }
    }
    return null;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Applies this transform. */
  public TransformedStream apply(long[] values) {
    Differences.Result d = Differences.forward(values, order);
    long[] r = d.residuals();
    long base = 0;
    if (zigzag) {
      for (int i = 0; i < r.length; i++) {
        r[i] = ZigZag.encode(r[i]);
      }
    } else {
      base = FrameOfReference.encode(r);
    }
    return new TransformedStream(this, values.length, d.first(), base, r);
  }

  /** Inverts {@link #apply}: the stream of length values from first values and residuals. */
  public long[] invert(long[] first, long base, long[] residuals, int length) {
    long[] r = residuals.clone();
    if (zigzag) {
      for (int i = 0; i < r.length; i++) {
        r[i] = ZigZag.decode(r[i]);
      }
    } else {
      FrameOfReference.decode(r, base);
    }
    return Differences.inverse(first, r, order, length);
  }

  /** The cheapest transform for these values by the section 5.2 cost (lowest id on ties). */
  public static TransformedStream cheapest(long[] values) {
    // Costs are computed on the fly, without materialising the five transforms that lose.
    Transform best = null;
    long bestCost = Long.MAX_VALUE;
    for (Transform t : values()) {
      long cost = t.cost(values);
      if (cost < bestCost) {
        best = t;
        bestCost = cost;
      }
    }
    return best.apply(values);
  }

  /** The section 5.2 cost of this transform's residuals: sum of bitLength(u) + 1. */
  long cost(long[] values) {
    int n = values.length;
    if (n <= order) {
      return 0;
    }
    long min = Long.MAX_VALUE;
    long zigzagCost = 0;
    for (int i = order; i < n; i++) {
      long r = residual(values, i);
      min = Math.min(min, r);
      zigzagCost += 65 - Long.numberOfLeadingZeros(ZigZag.encode(r));
    }
    if (zigzag) {
      return zigzagCost;
    }
    long forCost = 0;
    for (int i = order; i < n; i++) {
      forCost += 65 - Long.numberOfLeadingZeros(residual(values, i) - min);
    }
    return forCost;
  }

  private long residual(long[] v, int i) {
    return switch (order) {
      case 0 -> v[i];
      case 1 -> v[i] - v[i - 1];
      default -> v[i] - 2 * v[i - 1] + v[i - 2];
    };
  }
}
