package coop.cpc.lakehouse.columnar.encoding.escape;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EscapeSplitTest {

    @ParameterizedTest
    @ValueSource(ints = {8, 10, 12})
    void splitsAndJoinsResidualsOfAnyWidth(int bitDepth) {
        Random r = new Random(bitDepth);
        for (int round = 0; round < 200; round++) {
            long[] u = new long[r.nextInt(50)];
            for (int i = 0; i < u.length; i++) {
                u[i] = switch (r.nextInt(5)) {
                    case 0 -> r.nextLong();
                    case 1 -> (1L << bitDepth) - 1;
                    case 2 -> -1L;
                    default -> r.nextInt(1 << bitDepth);
                };
            }
            int limbs = EscapeSplit.limbs(u, bitDepth);
            int exceptions = EscapeSplit.exceptions(u, bitDepth);
            int[] samples = new int[u.length + limbs * exceptions + 3];
            int end = EscapeSplit.write(u, bitDepth, limbs, samples, 0);
            assertThat(end).isEqualTo(u.length + limbs * exceptions);
            assertThat(java.util.Arrays.stream(samples).allMatch(s -> s >= 0 && s < 1 << bitDepth))
                    .isTrue();
            assertThat(EscapeSplit.read(samples, 0, u.length, bitDepth, exceptions, limbs))
                    .isEqualTo(u);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 10, 12})
    void splitsEveryResidualIntoLimbPlanes(int bitDepth) {
        Random r = new Random(100 + bitDepth);
        for (int round = 0; round < 200; round++) {
            long[] u = new long[r.nextInt(50)];
            for (int i = 0; i < u.length; i++) {
                u[i] = r.nextInt(3) == 0 ? r.nextLong() : r.nextLong() >>> r.nextInt(64);
            }
            int limbs = LimbSplit.limbs(u, bitDepth);
            int[] samples = new int[u.length * limbs];
            assertThat(LimbSplit.write(u, bitDepth, limbs, samples, 0)).isEqualTo(samples.length);
            assertThat(LimbSplit.read(samples, 0, u.length, bitDepth, limbs)).isEqualTo(u);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {8})
    void writesLimbPlanesMostSignificantFirstAndNothingForZeros(int bitDepth) {
        long[] u = {0x0102, 0x0304};
        int[] samples = new int[4];
        LimbSplit.write(u, bitDepth, LimbSplit.limbs(u, bitDepth), samples, 0);
        assertThat(samples).containsExactly(1, 3, 2, 4);
        assertThat(LimbSplit.limbs(new long[] {0, 0, 0}, bitDepth)).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 12})
    void writesTheEscapeThenLimbsMostSignificantFirst(int bitDepth) {
        long escape = (1L << bitDepth) - 1;
        long[] u = {3, escape + ((5L << bitDepth) | 7), 4};
        int[] samples = new int[5];
        assertThat(EscapeSplit.limbs(u, bitDepth)).isEqualTo(2);
        EscapeSplit.write(u, bitDepth, 2, samples, 0);
        assertThat(samples).containsExactly(3, (int) escape, 4, 5, 7);
    }

    @ParameterizedTest
    @ValueSource(ints = {8})
    void refusesSamplesThatDisagreeWithTheExceptionCount(int bitDepth) {
        int[] samples = {255, 1, 2};
        assertThat(EscapeSplit.read(samples, 0, 3, bitDepth, 0, 0)).isNull();
        assertThat(EscapeSplit.read(new int[] {256}, 0, 1, bitDepth, 0, 0)).isNull();
    }
}
