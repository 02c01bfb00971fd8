package coop.cpc.lakehouse.columnar.av1;

/**
 * Intra prediction of one 4x4 transform block (spec 7.11.2) for the modes this subset uses: DC_PRED,
 * V_PRED and H_PRED (directional with angle delta 0 and no edge filter, i.e. plain copies), SMOOTH_PRED,
 * SMOOTH_V_PRED, SMOOTH_H_PRED and PAETH_PRED. For a 4x4 block none of them reads past the first four
 * above or left samples, so haveAboveRight / haveBelowLeft do not matter.
 */
final class IntraPredictor {
    static final int DC_PRED = 0;
    static final int V_PRED = 1;
    static final int H_PRED = 2;
    static final int SMOOTH_PRED = 9;
    static final int SMOOTH_V_PRED = 10;
    static final int SMOOTH_H_PRED = 11;
    static final int PAETH_PRED = 12;

    /** The modes the encoder chooses from; the decoder rejects the other six. */
    static final int[] SUPPORTED_MODES = {DC_PRED, V_PRED, H_PRED, SMOOTH_PRED, SMOOTH_V_PRED, SMOOTH_H_PRED, PAETH_PRED
    };

    /** Sm_Weights_Tx_4x4 of spec section 7.11.2.6 / the additional tables. */
    private static final int[] SM_WEIGHTS_4 = {255, 149, 85, 64};

    private final int[] above = new int[4];
    private final int[] left = new int[4];

    static boolean isSupported(int mode) {
        return mode == DC_PRED || mode == V_PRED || mode == H_PRED || mode >= SMOOTH_PRED;
    }

    /**
     * Predicts the 4x4 block at (x, y) of {@code plane} (row stride {@code stride}) into {@code pred[0..15]},
     * row-major, from already reconstructed neighbours.
     */
    void predict(
            int[] plane,
            int stride,
            int x,
            int y,
            boolean haveLeft,
            boolean haveAbove,
            int mode,
            int bitDepth,
            int[] pred) {
        int base = y * stride + x;
        int aboveLeft;
        if (haveAbove) {
            int o = base - stride;
            above[0] = plane[o];
            above[1] = plane[o + 1];
            above[2] = plane[o + 2];
            above[3] = plane[o + 3];
        } else {
            int v = haveLeft ? plane[base - 1] : (1 << (bitDepth - 1)) - 1;
            above[0] = v;
            above[1] = v;
            above[2] = v;
            above[3] = v;
        }
        if (haveLeft) {
            left[0] = plane[base - 1];
            left[1] = plane[base + stride - 1];
            left[2] = plane[base + 2 * stride - 1];
            left[3] = plane[base + 3 * stride - 1];
        } else {
            int v = haveAbove ? plane[base - stride] : (1 << (bitDepth - 1)) + 1;
            left[0] = v;
            left[1] = v;
            left[2] = v;
            left[3] = v;
        }
        if (haveAbove && haveLeft) {
            aboveLeft = plane[base - stride - 1];
        } else if (haveAbove) {
            aboveLeft = plane[base - stride];
        } else if (haveLeft) {
            aboveLeft = plane[base - 1];
        } else {
            aboveLeft = 1 << (bitDepth - 1);
        }
        switch (mode) {
            case DC_PRED -> dc(haveLeft, haveAbove, bitDepth, pred);
            case V_PRED -> {
                for (int i = 0; i < 16; i += 4) {
                    pred[i] = above[0];
                    pred[i + 1] = above[1];
                    pred[i + 2] = above[2];
                    pred[i + 3] = above[3];
                }
            }
            case H_PRED -> {
                for (int i = 0; i < 4; i++) {
                    int v = left[i];
                    pred[4 * i] = v;
                    pred[4 * i + 1] = v;
                    pred[4 * i + 2] = v;
                    pred[4 * i + 3] = v;
                }
            }
            case SMOOTH_PRED -> {
                int bottomLeft = left[3];
                int topRight = above[3];
                for (int i = 0; i < 4; i++) {
                    for (int j = 0; j < 4; j++) {
                        int s = SM_WEIGHTS_4[i] * above[j]
                                + (256 - SM_WEIGHTS_4[i]) * bottomLeft
                                + SM_WEIGHTS_4[j] * left[i]
                                + (256 - SM_WEIGHTS_4[j]) * topRight;
                        pred[4 * i + j] = (s + 256) >> 9;
                    }
                }
            }
            case SMOOTH_V_PRED -> {
                int bottomLeft = left[3];
                for (int i = 0; i < 4; i++) {
                    for (int j = 0; j < 4; j++) {
                        int s = SM_WEIGHTS_4[i] * above[j] + (256 - SM_WEIGHTS_4[i]) * bottomLeft;
                        pred[4 * i + j] = (s + 128) >> 8;
                    }
                }
            }
            case SMOOTH_H_PRED -> {
                int topRight = above[3];
                for (int i = 0; i < 4; i++) {
                    for (int j = 0; j < 4; j++) {
                        int s = SM_WEIGHTS_4[j] * left[i] + (256 - SM_WEIGHTS_4[j]) * topRight;
                        pred[4 * i + j] = (s + 128) >> 8;
                    }
                }
            }
            case PAETH_PRED -> {
                for (int i = 0; i < 4; i++) {
                    for (int j = 0; j < 4; j++) {
                        int b = above[j] + left[i] - aboveLeft;
                        int pLeft = Math.abs(b - left[i]);
                        int pTop = Math.abs(b - above[j]);
                        int pTopLeft = Math.abs(b - aboveLeft);
                        if (pLeft <= pTop && pLeft <= pTopLeft) {
                            pred[4 * i + j] = left[i];
                        } else if (pTop <= pTopLeft) {
                            pred[4 * i + j] = above[j];
                        } else {
                            pred[4 * i + j] = aboveLeft;
                        }
                    }
                }
            }
            default -> throw new IllegalArgumentException("unsupported intra mode " + mode);
        }
    }

    /** DC intra prediction process, spec 7.11.2.5, for w = h = 4. */
    private void dc(boolean haveLeft, boolean haveAbove, int bitDepth, int[] pred) {
        int avg;
        if (haveLeft && haveAbove) {
            avg = (left[0] + left[1] + left[2] + left[3] + above[0] + above[1] + above[2] + above[3] + 4) >> 3;
        } else if (haveLeft) {
            avg = (left[0] + left[1] + left[2] + left[3] + 2) >> 2;
        } else if (haveAbove) {
            avg = (above[0] + above[1] + above[2] + above[3] + 2) >> 2;
        } else {
            avg = 1 << (bitDepth - 1);
        }
        for (int i = 0; i < 16; i++) {
            pred[i] = avg;
        }
    }
}
