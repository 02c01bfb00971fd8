package coop.cpc.lakehouse.columnar.av1;

/**
 * The 4x4 Walsh-Hadamard transform of lossless AV1. The inverse is spec 7.13.2.10 applied to rows (shift 2
 * after the x4 "dequantisation" of lossless) then columns (shift 0), as in 7.13.3. The forward transform is
 * the exact inverse of those lifting steps, undone in reverse order, so every residual block round-trips.
 * Coefficients and residuals are row-major: index {@code row * 4 + col}.
 */
final class Wht4x4 {
  private Wht4x4() {}

  /** Residual (row-major) to coefficients (the Quant[] values of spec 5.11.39, row-major). */
  static void forward(int[] residual, int rOff, int[] coef, int cOff) {
    for (int j = 0; j < 4; j++) {
      int a = residual[rOff + j];
      int b = residual[rOff + 4 + j];
      int c = residual[rOff + 8 + j];
      int d = residual[rOff + 12 + j];
      int d1 = d - c;
      int a1 = a + b;
      int e = (a1 - d1) >> 1;
      int b0 = e - b;
      int c0 = e - c;
      coef[cOff + j] = a1 - c0;
      coef[cOff + 4 + j] = c0;
      coef[cOff + 8 + j] = d1 + b0;
      coef[cOff + 12 + j] = b0;
    }
    for (int i = 0; i < 4; i++) {
      int o = cOff + 4 * i;
      int a = coef[o];
      int b = coef[o + 1];
      int c = coef[o + 2];
      int d = coef[o + 3];
      int d1 = d - c;
      int a1 = a + b;
      int e = (a1 - d1) >> 1;
      int b0 = e - b;
      int c0 = e - c;
      coef[o] = a1 - c0;
      coef[o + 1] = c0;
      coef[o + 2] = d1 + b0;
      coef[o + 3] = b0;
    }
  }

  /**
   * Spec 7.12.3 steps 1-2 for a lossless 4x4 block: dequantise with q = 4 (masking and clamping exactly as
   * the spec so a corrupt stream behaves like other decoders), then the inverse WHT; the residual replaces
   * {@code coef}.
   */
  static void inverse(int[] coef, int bitDepth) {
    int limit = 1 << (5 + bitDepth);
    for (int i = 0; i < 16; i++) {
      int q = coef[i];
      if (q >= limit || q <= -limit) {
        dequantOutOfRange(coef, bitDepth);
        break;
      }
    }
    int colClamp = Math.max(bitDepth + 6, 16) - 1;
    int colMax = (1 << colClamp) - 1;
    int colMin = -(1 << colClamp);
    for (int i = 0; i < 4; i++) {
      int o = 4 * i;
      int a = coef[o];
      int c = coef[o + 1];
      int d = coef[o + 2];
      int b = coef[o + 3];
      a += c;
      d -= b;
      int e = (a - d) >> 1;
      b = e - b;
      c = e - c;
      a -= b;
      d += c;
      coef[o] = clamp(a, colMin, colMax);
      coef[o + 1] = clamp(b, colMin, colMax);
      coef[o + 2] = clamp(c, colMin, colMax);
      coef[o + 3] = clamp(d, colMin, colMax);
    }
    for (int j = 0; j < 4; j++) {
      int a = coef[j];
      int c = coef[4 + j];
      int d = coef[8 + j];
      int b = coef[12 + j];
      a += c;
      d -= b;
      int e = (a - d) >> 1;
      b = e - b;
      c = e - c;
      a -= b;
      d += c;
      coef[j] = a;
      coef[4 + j] = b;
      coef[8 + j] = c;
      coef[12 + j] = d;
    }
  }

  /**
   * Below 2^(5 + BitDepth) in magnitude, dequantising by 4 and the row transform's shift by 2 give the
   * coefficient back unchanged; only larger (non-conforming) values need the masking and clamping.
   */
  private static void dequantOutOfRange(int[] coef, int bitDepth) {
    long max = (1L << (7 + bitDepth)) - 1;
    long min = -(1L << (7 + bitDepth));
    for (int i = 0; i < 16; i++) {
      long dq = (long) coef[i] * 4;
      long mag = Math.abs(dq) & 0xFFFFFF;
      long signed = dq < 0 ? -mag : mag;
      coef[i] = (int) Math.max(min, Math.min(max, signed)) >> 2;
    }
  }

  private static int clamp(int v, int min, int max) {
    return v < min ? min : (v > max ? max : v);
  }
}
