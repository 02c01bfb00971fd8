package coop.cpc.lakehouse.columnar.av1;

import static coop.cpc.lakehouse.columnar.av1.DefaultCdfs.OFF_COEFF_BASE;
import static coop.cpc.lakehouse.columnar.av1.DefaultCdfs.OFF_COEFF_BASE_EOB;
import static coop.cpc.lakehouse.columnar.av1.DefaultCdfs.OFF_COEFF_BR;
import static coop.cpc.lakehouse.columnar.av1.DefaultCdfs.OFF_DC_SIGN;
import static coop.cpc.lakehouse.columnar.av1.DefaultCdfs.OFF_EOB_EXTRA;
import static coop.cpc.lakehouse.columnar.av1.DefaultCdfs.OFF_EOB_PT_16;
import static coop.cpc.lakehouse.columnar.av1.DefaultCdfs.OFF_TXB_SKIP;

/**
 * coeffs( ) of spec 5.11.39 for one luma TX_4X4 block with transform type DCT_DCT (what a lossless block
 * reports; its class is TX_CLASS_2D and its scan Default_Scan_4x4), in both directions. The context
 * derivations of spec 8.3.2 (coeff_base, coeff_base_eob, coeff_br) are the static methods here, used by
 * the writer and the reader alike. Coefficients are row-major ({@code pos = row * 4 + col}).
 *
 * <p>{@link #encode} and {@link #decode} return the block's context summary packed as
 * {@code eob << 8 | culLevel << 2 | dcCategory}.
 */
final class CoefficientCoder {
    /** Default_Scan_4x4 (spec additional tables). */
    static final int[] SCAN = {0, 1, 4, 8, 5, 2, 3, 6, 9, 12, 13, 10, 7, 11, 14, 15};

    /**
     * Levels are kept in a zero-padded 8-column buffer ({@code row * 8 + col}, rows 0..5) so the neighbours
     * of Sig_Ref_Diff_Offset and Mag_Ref_Offset_With_Tx_Class (right, below, below-right, two right, two
     * below) can be read without bounds checks: outside the 4x4 block they are always zero, exactly as the
     * spec's range test skips them.
     */
    static final int PADDED_SIZE = 48;

    /** Padded index of each scan position. */
    static final int[] SCAN_PADDED = new int[16];
    /** Coeff_Base_Ctx_Offset[TX_4X4][row][col] per scan position. */
    private static final int[] BASE_CTX_OFFSET_BY_SCAN = new int[16];
    /** coeff_br context offset (0 for DC, 7 inside the top-left 2x2, 14 elsewhere) per scan position. */
    private static final int[] BR_CTX_OFFSET_BY_SCAN = new int[16];

    static {
        int[] baseOffset = {0, 1, 6, 6, 1, 6, 6, 21, 6, 6, 21, 21, 6, 21, 21, 21};
        for (int c = 0; c < 16; c++) {
            int pos = SCAN[c];
            int row = pos >> 2;
            int col = pos & 3;
            SCAN_PADDED[c] = row * 8 + col;
            BASE_CTX_OFFSET_BY_SCAN[c] = baseOffset[pos];
            BR_CTX_OFFSET_BY_SCAN[c] = pos == 0 ? 0 : (row < 2 && col < 2 ? 7 : 14);
        }
    }

    private final int[] levels = new int[PADDED_SIZE];

    /** Context of coeff_base_eob: get_coeff_base_ctx(..., isEob = 1) - SIG_COEF_CONTEXTS + 4. */
    static int baseEobCtx(int c) {
        if (c == 0) {
            return 0;
        }
        if (c <= 2) {
            return 1;
        }
        return c <= 4 ? 2 : 3;
    }

    /** Context of coeff_base (get_coeff_base_ctx with isEob = 0, TX_CLASS_2D) at scan index {@code c}. */
    static int baseCtx(int[] lv, int c) {
        if (c == 0) {
            return 0;
        }
        int i = SCAN_PADDED[c];
        int mag = Math.min(lv[i + 1], 3)
                + Math.min(lv[i + 8], 3)
                + Math.min(lv[i + 9], 3)
                + Math.min(lv[i + 2], 3)
                + Math.min(lv[i + 16], 3);
        return Math.min((mag + 1) >> 1, 4) + BASE_CTX_OFFSET_BY_SCAN[c];
    }

    /** Context of coeff_br (TX_CLASS_2D) at scan index {@code c}; levels are already at most 15. */
    static int brCtx(int[] lv, int c) {
        int i = SCAN_PADDED[c];
        int mag = Math.min((lv[i + 1] + lv[i + 8] + lv[i + 9] + 1) >> 1, 6);
        return mag + BR_CTX_OFFSET_BY_SCAN[c];
    }

    /** eobPt of an end of block 1..16: the class 1, 2, 3-4, 5-8, 9-16. */
    static int eobPt(int eob) {
        return eob <= 2 ? eob : 33 - Integer.numberOfLeadingZeros(eob - 1);
    }

    /** Writes the coefficients {@code coef[off .. off + 16)}. */
    int encode(SymbolEncoder enc, int[] cdf, int[] coef, int off, int allZeroCtx, int dcSignCtx) {
        int eob = 0;
        for (int c = 15; c >= 0; c--) {
            if (coef[off + SCAN[c]] != 0) {
                eob = c + 1;
                break;
            }
        }
        if (eob == 0) {
            enc.encode(cdf, OFF_TXB_SKIP + 3 * allZeroCtx, 2, 1);
            return 0;
        }
        enc.encode(cdf, OFF_TXB_SKIP + 3 * allZeroCtx, 2, 0);
        int eobPt = eobPt(eob);
        enc.encode(cdf, OFF_EOB_PT_16, 5, eobPt - 1);
        if (eobPt >= 3) {
            int eobShift = eobPt - 3;
            int extra = eob - ((1 << (eobPt - 2)) + 1);
            enc.encode(cdf, OFF_EOB_EXTRA + 3 * (eobPt - 3), 2, (extra >>> eobShift) & 1);
            for (int i = 1; i < eobPt - 2; i++) {
                enc.encodeBool((extra >>> (eobShift - i)) & 1);
            }
        }
        int[] lv = levels;
        clearLevels(lv);
        for (int c = eob - 1; c >= 0; c--) {
            int pos = SCAN[c];
            int level = Math.abs(coef[off + pos]);
            if (c == eob - 1) {
                enc.encode(cdf, OFF_COEFF_BASE_EOB + 4 * baseEobCtx(c), 3, Math.min(level, 3) - 1);
            } else {
                enc.encode(cdf, OFF_COEFF_BASE + 5 * baseCtx(lv, c), 4, Math.min(level, 3));
            }
            if (level > 2) {
                int ctxOff = OFF_COEFF_BR + 5 * brCtx(lv, c);
                int remaining = Math.min(level, 15) - 3;
                for (int idx = 0; idx < 4; idx++) {
                    int sym = Math.min(remaining, 3);
                    enc.encode(cdf, ctxOff, 4, sym);
                    remaining -= sym;
                    if (sym < 3) {
                        break;
                    }
                }
            }
            lv[SCAN_PADDED[c]] = Math.min(level, 15);
        }
        int culLevel = 0;
        int dcCategory = 0;
        for (int c = 0; c < eob; c++) {
            int pos = SCAN[c];
            int value = coef[off + pos];
            if (value == 0) {
                continue;
            }
            int sign = value < 0 ? 1 : 0;
            if (c == 0) {
                enc.encode(cdf, OFF_DC_SIGN + 3 * dcSignCtx, 2, sign);
                dcCategory = sign == 1 ? 1 : 2;
            } else {
                enc.encodeBool(sign);
            }
            int level = Math.abs(value);
            if (level > 14) {
                writeGolomb(enc, level - 14);
            }
            culLevel += level;
        }
        return (eob << 8) | (Math.min(63, culLevel) << 2) | dcCategory;
    }

    private static void clearLevels(int[] lv) {
        for (int r = 0; r < 32; r += 8) {
            lv[r] = 0;
            lv[r + 1] = 0;
            lv[r + 2] = 0;
            lv[r + 3] = 0;
        }
    }

    private static void writeGolomb(SymbolEncoder enc, int x) {
        int length = 32 - Integer.numberOfLeadingZeros(x);
        for (int i = 1; i < length; i++) {
            enc.encodeBool(0);
        }
        enc.encodeBool(1);
        for (int i = length - 2; i >= 0; i--) {
            enc.encodeBool((x >>> i) & 1);
        }
    }

    /** Reads coefficients into {@code quant[0..16)} (signed, row-major). */
    int decode(SymbolDecoder dec, int[] cdf, int[] quant, int allZeroCtx, int dcSignCtx) throws Av1FormatException {
        for (int i = 0; i < 16; i++) {
            quant[i] = 0;
        }
        if (dec.decode(cdf, OFF_TXB_SKIP + 3 * allZeroCtx, 2) == 1) {
            return 0;
        }
        int eobPt = dec.decode(cdf, OFF_EOB_PT_16, 5) + 1;
        int eob = eobPt < 2 ? eobPt : (1 << (eobPt - 2)) + 1;
        if (eobPt >= 3) {
            int eobShift = eobPt - 3;
            if (dec.decode(cdf, OFF_EOB_EXTRA + 3 * (eobPt - 3), 2) == 1) {
                eob += 1 << eobShift;
            }
            for (int i = 1; i < eobPt - 2; i++) {
                if (dec.decodeBool() == 1) {
                    eob += 1 << (eobShift - i);
                }
            }
        }
        int[] lv = levels;
        clearLevels(lv);
        for (int c = eob - 1; c >= 0; c--) {
            int level;
            if (c == eob - 1) {
                level = dec.decode(cdf, OFF_COEFF_BASE_EOB + 4 * baseEobCtx(c), 3) + 1;
            } else {
                level = dec.decode(cdf, OFF_COEFF_BASE + 5 * baseCtx(lv, c), 4);
            }
            if (level > 2) {
                int ctxOff = OFF_COEFF_BR + 5 * brCtx(lv, c);
                for (int idx = 0; idx < 4; idx++) {
                    int br = dec.decode(cdf, ctxOff, 4);
                    level += br;
                    if (br < 3) {
                        break;
                    }
                }
            }
            lv[SCAN_PADDED[c]] = level;
        }
        int culLevel = 0;
        int dcCategory = 0;
        for (int c = 0; c < eob; c++) {
            int pos = SCAN[c];
            int level = lv[SCAN_PADDED[c]];
            if (level == 0) {
                continue;
            }
            int sign = c == 0 ? dec.decode(cdf, OFF_DC_SIGN + 3 * dcSignCtx, 2) : dec.decodeBool();
            if (level > 14) {
                level = readGolomb(dec) + 14;
            }
            if (pos == 0) {
                dcCategory = sign == 1 ? 1 : 2;
            }
            level &= 0xFFFFF;
            culLevel += level;
            quant[pos] = sign == 1 ? -level : level;
        }
        return (eob << 8) | (Math.min(63, culLevel) << 2) | dcCategory;
    }

    private static int readGolomb(SymbolDecoder dec) throws Av1FormatException {
        int length = 0;
        int bit;
        do {
            length++;
            bit = dec.decodeBool();
            if (length == 20 && bit == 0) {
                throw new Av1FormatException("golomb_length_bit: coefficient length exceeds 20 bits in tile data");
            }
        } while (bit == 0);
        return (1 << (length - 1)) | dec.decodeLiteral(length - 1);
    }
}
