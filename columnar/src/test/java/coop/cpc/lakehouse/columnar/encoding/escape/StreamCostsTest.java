package coop.cpc.lakehouse.columnar.encoding.escape;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class StreamCostsTest {
    private static final int[] DEPTHS = {8, 10, 12};

    /** The one-pass costs equal the per-mode functions' on streams of every shape the writer meets. */
    @Test
    void onePassCostsEqualThePerModeCosts() {
        Random r = new Random(16);
        for (int shape = 0; shape < 14; shape++) {
            for (int n : new int[] {0, 1, 7, 1000, 20_000}) {
                long[] u = new long[n];
                for (int i = 0; i < n; i++) {
                    u[i] = switch (shape) {
                        case 0 -> 0;
                        case 1 -> r.nextInt(4);
                        case 2 -> r.nextLong() & 0xFFFF_FFFF_FFFFL;
                        case 3 -> r.nextLong();
                        case 4 -> (long) Math.exp(r.nextGaussian() * 1.5 + 8);
                        case 5 -> r.nextInt(10) == 0 ? r.nextLong() >>> 20 : r.nextInt(100);
                        case 6 -> 255;
                        case 7 -> r.nextBoolean() ? 1023 : 4095;
                        case 8 -> (r.nextLong() & 0xFFFFF) << 4;
                        case 9 -> r.nextInt(1 << 12);
                        case 10 -> -1L;
                        // Every residual within the smallest depth, the escape value among them (the one-histogram
                        // path).
                        case 11 -> r.nextInt(256);
                        // Skewed codes of a 12-entry dictionary: one narrow plane by rule (NarrowSplit.overPalette).
                        case 12 -> Math.min(11, (int) Math.abs(r.nextGaussian() * 3));
                        default -> r.nextInt(3) == 0 ? 256 + r.nextInt(64) : r.nextInt(256);
                    };
                }
                for (boolean narrow : new boolean[] {false, true}) {
                    long[] got = StreamCosts.of(u, DEPTHS, narrow);
                    for (int d = 0; d < DEPTHS.length; d++) {
                        int b = DEPTHS[d];
                        int q = narrow ? NarrowSplit.planes(u, b) : 0;
                        String at = "shape " + shape + ", n " + n + ", depth " + b + ", narrow " + narrow;
                        assertThat(got[4 * d]).as("escape cost, " + at).isEqualTo(EscapeSplit.cost(u, b));
                        assertThat(got[4 * d + 1]).as("split cost, " + at).isEqualTo(LimbSplit.cost(u, b));
                        assertThat(got[4 * d + 3]).as("narrow planes, " + at).isEqualTo(q);
                        assertThat(got[4 * d + 2])
                                .as("narrow cost, " + at)
                                .isEqualTo(q > 0 ? NarrowSplit.cost(u, b, q) : Long.MAX_VALUE);
                    }
                }
            }
        }
    }

    /**
     * Nine to 64 values below 64 take one narrow plane at cost 0; eight values, one at 64, or a short stream
     * do not.
     */
    @Test
    void dictionaryCodesOverAPaletteTakeOneNarrowPlaneByRule() {
        int n = NarrowSplit.MIN_OVER_PALETTE;
        long[] twelve = new long[n];
        long[] eight = new long[n];
        long[] twenty = new long[n];
        long[] fifty = new long[n];
        long[] sixtyFourUp = new long[n];
        for (int i = 0; i < n; i++) {
            twelve[i] = i % 12;
            eight[i] = i % 8;
            twenty[i] = i % 20;
            fifty[i] = i % 50;
            sixtyFourUp[i] = i % 12 == 11 ? 64 : i % 12;
        }
        long[] got = StreamCosts.of(twelve, DEPTHS, true);
        for (int d = 0; d < DEPTHS.length; d++) {
            assertThat(got[4 * d + 3]).as("narrow planes at depth " + DEPTHS[d]).isEqualTo(1);
            assertThat(got[4 * d + 2]).as("narrow cost at depth " + DEPTHS[d]).isZero();
        }
        assertThat(StreamCosts.of(twelve, DEPTHS, false)[3])
                .as("without narrow mode")
                .isZero();
        assertThat(StreamCosts.of(eight, DEPTHS, true)[3])
                .as("eight values fit a palette")
                .isZero();
        assertThat(StreamCosts.of(twenty, DEPTHS, true)[3]).as("twenty values").isEqualTo(1);
        assertThat(StreamCosts.of(fifty, DEPTHS, true)[3]).as("fifty values").isEqualTo(1);
        assertThat(StreamCosts.of(sixtyFourUp, DEPTHS, true)[3])
                .as("a value of 64")
                .isZero();
        assertThat(StreamCosts.of(java.util.Arrays.copyOf(twelve, n - 1), DEPTHS, true)[3])
                .as("a short stream")
                .isZero();
    }
}
