package coop.cpc.lakehouse.columnar.av1;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link SymbolDecoder} against the symbol decoder exactly as spec 8.2.2 - 8.2.6 writes it (one bit at a time from the
 * tile data, SymbolValue of 16 bits, SymbolMaxBits for the zero padding past the end) on arbitrary bytes, not only
 * on what our encoder writes: every refill position (the 8-byte read and the byte-by-byte path within eight bytes of
 * the tile's end, padding past it), read_bool and read_literal decided without a branch, and read_symbol of every
 * size with adaptation.
 */
class SymbolDecoderSpecReferenceTest {

    /** The spec's decoder, written as the spec's pseudo-code, over {@code data[start .. start + size)}. */
    private static final class SpecDecoder {
        private final byte[] data;
        private final int start;
        private final int size;
        private long bitPos;
        private int symbolValue;
        private int symbolRange;
        private long symbolMaxBits;

        SpecDecoder(byte[] data, int start, int size) {
            this.data = data;
            this.start = start;
            this.size = size;
            int numBits = Math.min(size * 8, 15);
            int buf = bits(numBits);
            int paddedBuf = buf << (15 - numBits);
            symbolValue = ((1 << 15) - 1) ^ paddedBuf;
            symbolRange = 1 << 15;
            symbolMaxBits = 8L * size - 15;
        }

        /** f(n): the next n bits of the tile data, most significant first. */
        private int bits(int n) {
            int x = 0;
            for (int i = 0; i < n; i++) {
                int b = (data[start + (int) (bitPos >>> 3)] >>> (7 - (int) (bitPos & 7))) & 1;
                bitPos++;
                x = (x << 1) | b;
            }
            return x;
        }

        int readSymbol(int[] cdf, int off, int n, boolean adapt) {
            int cur = symbolRange;
            int prev;
            int symbol = -1;
            do {
                symbol++;
                prev = cur;
                int f = (1 << 15) - cdf[off + symbol];
                cur = ((symbolRange >> 8) * (f >> 6)) >> 1;
                cur += 4 * (n - symbol - 1);
            } while (symbolValue < cur);
            symbolRange = prev - cur;
            symbolValue -= cur;
            int bits = 15 - (31 - Integer.numberOfLeadingZeros(symbolRange));
            symbolRange <<= bits;
            int numBits = (int) Math.min(bits, Math.max(0, symbolMaxBits));
            int newData = bits(numBits);
            int paddedData = newData << (bits - numBits);
            symbolValue = paddedData ^ (((symbolValue + 1) << bits) - 1);
            symbolMaxBits -= bits;
            if (adapt) {
                int rate = 3
                        + (cdf[off + n] > 15 ? 1 : 0)
                        + (cdf[off + n] > 31 ? 1 : 0)
                        + Math.min(31 - Integer.numberOfLeadingZeros(n), 2);
                int tmp = 0;
                for (int i = 0; i < n - 1; i++) {
                    tmp = i == symbol ? 1 << 15 : tmp;
                    if (tmp < cdf[off + i]) {
                        cdf[off + i] -= (cdf[off + i] - tmp) >> rate;
                    } else {
                        cdf[off + i] += (tmp - cdf[off + i]) >> rate;
                    }
                }
                cdf[off + n] += cdf[off + n] < 32 ? 1 : 0;
            }
            return symbol;
        }

        int readBool() {
            return readSymbol(new int[] {1 << 14, 1 << 15, 0}, 0, 2, false);
        }

        int readLiteral(int n) {
            int x = 0;
            for (int i = 0; i < n; i++) {
                x = 2 * x + readBool();
            }
            return x;
        }
    }

    /** A random CDF of n symbols in the specification's form (increasing, 32768, counter), at least 4 apart. */
    private static int[] randomCdf(Random rnd, int n) {
        int[] cdf = new int[n + 1];
        int[] cuts = rnd.ints(n - 1, 1, 32768).sorted().toArray();
        System.arraycopy(cuts, 0, cdf, 0, n - 1);
        cdf[n - 1] = 32768;
        cdf[n] = rnd.nextInt(40);
        return cdf;
    }

    @Test
    void arbitraryTileBytesDecodeToTheSpecsSymbolsBoolsLiteralsAndCdfs() {
        int[] sizes = {2, 3, 4, 5, 7, 8, 13};
        for (long seed = 1; seed <= 400; seed++) {
            Random rnd = new Random(seed);
            // Tiles of 1..300 bytes inside a larger array whose other bytes must not be read; some of nearly all
            // zero or all one bytes (long runs of one symbol, many renormalisation bits at once).
            int size = 1 + rnd.nextInt(seed % 5 == 0 ? 12 : 300);
            int before = rnd.nextInt(9);
            byte[] data = new byte[before + size + rnd.nextInt(9)];
            rnd.nextBytes(data);
            int fill = (int) (seed % 7);
            for (int i = before; i < before + size && fill < 2; i++) {
                data[i] = (byte) (rnd.nextInt(16) == 0 ? rnd.nextInt() : (fill == 0 ? 0 : -1));
            }
            int contexts = 6;
            int[] n = new int[contexts];
            int[][] specCdfs = new int[contexts][];
            int[][] ourCdfs = new int[contexts][];
            for (int k = 0; k < contexts; k++) {
                n[k] = sizes[rnd.nextInt(sizes.length)];
                specCdfs[k] = randomCdf(rnd, n[k]);
                ourCdfs[k] = specCdfs[k].clone();
            }
            SpecDecoder spec = new SpecDecoder(data, before, size);
            SymbolDecoder ours = new SymbolDecoder(true);
            ours.init(data, before, size);
            // Well past the end of the tile, into the padding.
            int steps = 20 + size * 3;
            for (int step = 0; step < steps; step++) {
                int kind = rnd.nextInt(4);
                String what = "step " + step + " of seed " + seed + " (" + size + " bytes)";
                switch (kind) {
                    case 0 -> assertThat(ours.decodeBool()).as(what).isEqualTo(spec.readBool());
                    case 1 -> {
                        int bits = 1 + rnd.nextInt(16);
                        assertThat(ours.decodeLiteral(bits)).as(what).isEqualTo(spec.readLiteral(bits));
                    }
                    default -> {
                        int k = rnd.nextInt(contexts);
                        assertThat(ours.decode(ourCdfs[k], 0, n[k]))
                                .as(what)
                                .isEqualTo(spec.readSymbol(specCdfs[k], 0, n[k], true));
                        assertThat(ourCdfs[k]).as(what).isEqualTo(specCdfs[k]);
                    }
                }
                assertThat(ours.overrun()).as(what).isEqualTo(spec.symbolMaxBits < -14);
            }
            assertThat(Arrays.deepEquals(ourCdfs, specCdfs)).isTrue();
        }
    }
}
