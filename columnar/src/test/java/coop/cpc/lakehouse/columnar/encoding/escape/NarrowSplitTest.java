package coop.cpc.lakehouse.columnar.encoding.escape;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class NarrowSplitTest {
    private static final int B = NarrowSplit.READ_BLOCK;

    /** Stream lengths around the read's blocks: none, part of one, one exactly, and partial last blocks. */
    private static final int[] COUNTS = {0, 1, 7, B - 1, B, B + 1, 3 * B + 5};

    /** Writes residuals of every plane layout and reads them back, with samples before and after the stream. */
    @Test
    void readReturnsTheResidualsWrittenForEveryLayout() {
        Random r = new Random(26);
        for (int bitDepth : new int[] {8, 10, 12}) {
            for (int q = 1; q <= 4; q++) {
                for (int count : COUNTS) {
                    long[] u = new long[count];
                    for (int i = 0; i < count; i++) {
                        u[i] = r.nextLong() >>> r.nextInt(64);
                    }
                    int limbs = NarrowSplit.limbs(u, bitDepth, q);
                    int pos = 3;
                    int[] samples = new int[pos + (limbs + q) * count + 2];
                    int end = NarrowSplit.write(u, bitDepth, limbs, q, samples, pos);
                    assertThat(end).isEqualTo(pos + (limbs + q) * count);

                    assertThat(NarrowSplit.read(samples, pos, count, bitDepth, limbs, q))
                            .as("depth %d, %d planes, %d limbs, %d residuals", bitDepth, q, limbs, count)
                            .containsExactly(u);
                }
            }
        }
    }

    /**
     * A sample out of its plane's range anywhere (first block, last partial block, any limb or narrow plane) makes
     * the read fail instead of returning residuals with the wrong bits.
     */
    @Test
    void readRejectsASampleOutOfItsPlanesRange() {
        Random r = new Random(27);
        int bitDepth = 10;
        int q = 2;
        int count = 3 * B + 5;
        long[] u = new long[count];
        for (int i = 0; i < count; i++) {
            u[i] = r.nextLong() >>> 30;
        }
        int limbs = NarrowSplit.limbs(u, bitDepth, q);
        int[] samples = new int[(limbs + q) * count];
        NarrowSplit.write(u, bitDepth, limbs, q, samples, 0);
        for (int plane = 0; plane < limbs + q; plane++) {
            int bits = plane < limbs ? bitDepth : NarrowSplit.BITS;
            for (int i : new int[] {0, B - 1, B, count - 1}) {
                for (int bad : new int[] {1 << bits, -1, Integer.MIN_VALUE}) {
                    int[] damaged = samples.clone();
                    damaged[plane * count + i] = bad;

                    assertThat(NarrowSplit.read(damaged, 0, count, bitDepth, limbs, q))
                            .as("plane %d, residual %d, sample %d", plane, i, bad)
                            .isNull();
                }
            }
        }
    }
}
