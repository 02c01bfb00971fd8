package coop.cpc.lakehouse.columnar.av1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Bit flips, truncations and garbage must end in an Av1FormatException or a decoded frame of the declared
 * size: never another exception, never a hang.
 */
class Av1CorruptionFuzzTest {

    @Test
    void corruptedTemporalUnitsEndInAv1FormatExceptionOrAFrame() {
        assertTimeoutPreemptively(Duration.ofSeconds(40), () -> {
            Random rnd = new Random(20261127L);
            Av1LosslessEncoder encoder = new Av1LosslessEncoder(300, 70, 10);
            Av1LosslessDecoder decoder = Av1LosslessDecoder.fromCodecConfiguration(encoder.codecConfigurationRecord());
            List<byte[]> units = new ArrayList<>();
            int[][] sizes = {{300, 70}, {33, 9}, {64, 64}, {5, 5}};
            for (int[] size : sizes) {
                for (String pattern : new String[] {"sine", "noise", "steps", "categories", "manyCategories"}) {
                    int[] samples = TestFrames.generate(pattern, size[0], size[1], 10, size[0] + pattern.length());
                    units.add(IvfWriter.temporalUnit(
                            encoder.sequenceHeaderObu(), encoder.encodeFrame(samples, size[0], size[1])));
                }
            }
            int exceptions = 0;
            int frames = 0;
            for (int iter = 0; iter < 3000; iter++) {
                byte[] original = units.get(rnd.nextInt(units.size()));
                byte[] corrupt = corrupt(original, rnd);
                try {
                    Av1Frame frame = decoder.decode(corrupt);
                    assertThat(frame.samples()).hasSize(frame.width() * frame.height());
                    for (int v : frame.samples()) {
                        assertThat(v).isBetween(0, 1023);
                    }
                    frames++;
                } catch (Av1FormatException expected) {
                    assertThat(expected.getMessage()).isNotBlank();
                    exceptions++;
                }
            }
            assertThat(exceptions).isPositive();
            assertThat(exceptions + frames).isEqualTo(3000);
        });
    }

    private static byte[] corrupt(byte[] original, Random rnd) {
        switch (rnd.nextInt(4)) {
            case 0 -> {
                return Arrays.copyOf(original, rnd.nextInt(original.length));
            }
            case 1 -> {
                byte[] garbage = new byte[rnd.nextInt(64)];
                rnd.nextBytes(garbage);
                return garbage;
            }
            default -> {
                byte[] copy = original.clone();
                int flips = 1 + rnd.nextInt(3);
                for (int i = 0; i < flips; i++) {
                    int bit = rnd.nextInt(copy.length * 8);
                    copy[bit >>> 3] ^= (byte) (0x80 >>> (bit & 7));
                }
                return copy;
            }
        }
    }
}
