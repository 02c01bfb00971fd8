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
            forward1d(residual, rOff + j, coef, cOff + j, 4);
        }
        for (int i = 0; i < 4; i++) {
            forward1d(coef, cOff + 4 * i, coef, cOff + 4 * i, 1);
        }
    }

    /** Undoes {@link #inverse1d} on the four values {@code step} apart from {@code in[inOff]}. */
    private static void forward1d(int[] in, int inOff, int[] out, int outOff, int step) {
        int a = in[inOff];
        int b = in[inOff + step];
        int c = in[inOff + 2 * step];
        int d = in[inOff + 3 * step];
        int d1 = d - c;
        int a1 = a + b;
        int e = (a1 - d1) >> 1;
        int b0 = e - b;
        int c0 = e - c;
        out[outOff] = a1 - c0;
        out[outOff + step] = c0;
        out[outOff + 2 * step] = d1 + b0;
        out[outOff + 3 * step] = b0;
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
            inverse1d(coef, 4 * i, 1, colMin, colMax);
        }
        for (int j = 0; j < 4; j++) {
            inverse1d(coef, j, 4, Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
    }

    /**
     * The inverse WHT of spec 7.13.2.10 in place on the four values {@code step} apart from {@code coef[o]},
     * the results clamped to [min, max].
     */
    private static void inverse1d(int[] coef, int o, int step, int min, int max) {
        int a = coef[o];
        int c = coef[o + step];
        int d = coef[o + 2 * step];
        int b = coef[o + 3 * step];
        a += c;
        d -= b;
        int e = (a - d) >> 1;
        b = e - b;
        c = e - c;
        a -= b;
        d += c;
        coef[o] = clamp(a, min, max);
        coef[o + step] = clamp(b, min, max);
        coef[o + 2 * step] = clamp(c, min, max);
        coef[o + 3 * step] = clamp(d, min, max);
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
