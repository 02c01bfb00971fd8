package coop.cpc.lakehouse.columnar.av1;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class Wht4x4Test {

    @Test
    void inverseOfForwardGivesBackEveryResidualBlock() {
        Random rnd = new Random(3);
        int[] residual = new int[16];
        int[] coef = new int[16];
        for (int bitDepth : new int[] {8, 10, 12}) {
            int max = (1 << bitDepth) - 1;
            for (int iter = 0; iter < 20000; iter++) {
                for (int i = 0; i < 16; i++) {
                    residual[i] = iter % 3 == 0 ? (rnd.nextBoolean() ? max : -max) : rnd.nextInt(2 * max + 1) - max;
                }
                Wht4x4.forward(residual, 0, coef, 0);
                Wht4x4.inverse(coef, bitDepth);
                assertThat(coef).isEqualTo(residual);
            }
        }
    }

    @Test
    void constantResidualHasOnlyADcCoefficient() {
        int[] residual = new int[16];
        java.util.Arrays.fill(residual, 5);
        int[] coef = new int[16];
        Wht4x4.forward(residual, 0, coef, 0);
        assertThat(coef[0]).isNotZero();
        for (int i = 1; i < 16; i++) {
            assertThat(coef[i]).as("coefficient %d", i).isZero();
        }
    }
}
