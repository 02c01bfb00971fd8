package coop.cpc.lakehouse.columnar.av1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Av1LosslessRoundTripTest {
    private static final int[][] SIZES = {{1, 1}, {7, 3}, {64, 64}, {65, 130}, {256, 256}};

    static Stream<Arguments> frames() {
        List<Arguments> cases = new ArrayList<>();
        for (int bitDepth : new int[] {8, 10, 12}) {
            for (int[] size : SIZES) {
                for (String pattern : TestFrames.PATTERNS) {
                    cases.add(Arguments.of(bitDepth, size[0], size[1], pattern));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}-bit {1}x{2} {3}")
    @MethodSource("frames")
    void everyFrameDecodesToExactlyTheSamplesGiven(int bitDepth, int width, int height, String pattern)
            throws Exception {
        int[] samples = TestFrames.generate(pattern, width, height, bitDepth, 31L * width + height);
        Av1LosslessEncoder encoder = new Av1LosslessEncoder(width, height, bitDepth);
        byte[] frame = encoder.encodeFrame(samples, width, height);

        Av1Frame decoded = Av1LosslessDecoder.fromCodecConfiguration(encoder.codecConfigurationRecord())
                .decode(frame);

        assertThat(decoded.width()).isEqualTo(width);
        assertThat(decoded.height()).isEqualTo(height);
        assertThat(decoded.bitDepth()).isEqualTo(bitDepth);
        assertThat(decoded.samples()).isEqualTo(samples);
    }

    @Test
    void framesSmallerThanTheMaximumRoundTripThroughFrameSizeOverride() throws Exception {
        Av1LosslessEncoder encoder = new Av1LosslessEncoder(300, 200, 10);
        Av1LosslessDecoder decoder = Av1LosslessDecoder.fromCodecConfiguration(encoder.sequenceHeaderObu());
        int[][] sizes = {{300, 200}, {17, 5}, {1, 200}, {300, 1}, {129, 71}};
        for (int[] size : sizes) {
            int[] samples = TestFrames.generate("walk", size[0], size[1], 10, size[0]);
            Av1Frame decoded = decoder.decode(encoder.encodeFrame(samples, size[0], size[1]));
            assertThat(decoded.width()).isEqualTo(size[0]);
            assertThat(decoded.height()).isEqualTo(size[1]);
            assertThat(decoded.samples()).isEqualTo(samples);
        }
    }

    @Test
    void framesWiderThan4096SamplesAreSplitIntoTilesAndRoundTrip() throws Exception {
        int width = 4100 + 64 * 3;
        int height = 9;
        int[] samples = TestFrames.generate("sine", width, height, 8, 5);
        Av1LosslessEncoder encoder = new Av1LosslessEncoder(width, height, 8);
        assertThat(FrameHeader.forSize(width, height).tiles().tileCount()).isEqualTo(2);
        Av1Frame decoded = Av1LosslessDecoder.fromCodecConfiguration(encoder.sequenceHeaderObu())
                .decode(encoder.encodeFrame(samples, width, height));
        assertThat(decoded.samples()).isEqualTo(samples);
    }

    @Test
    void temporalUnitsWithDelimiterAndSequenceHeaderDecode() throws Exception {
        Av1LosslessEncoder encoder = new Av1LosslessEncoder(40, 24, 12);
        int[] samples = TestFrames.generate("steps", 40, 24, 12, 9);
        byte[] tu = IvfWriter.temporalUnit(encoder.sequenceHeaderObu(), encoder.encodeFrame(samples, 40, 24));
        Av1Frame decoded = Av1LosslessDecoder.fromCodecConfiguration(encoder.codecConfigurationRecord())
                .decode(tu);
        assertThat(decoded.samples()).isEqualTo(samples);
    }

    @Test
    void smoothSeriesCompressWellBelowTheirRawSize() throws Exception {
        int width = 256;
        int height = 64;
        int[] samples = new int[width * height];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (int) Math.round(511.5 + 500 * Math.sin(i * 0.001));
        }
        byte[] frame = new Av1LosslessEncoder(width, height, 10).encodeFrame(samples, width, height);
        double bitsPerSample = 8.0 * frame.length / samples.length;
        assertThat(bitsPerSample).isLessThan(2.5);
    }

    @Test
    void fewDistinctValuesAreCodedWithPalettesFarBelowTheirRawSize() throws Exception {
        int width = 256;
        int height = 128;
        int[] samples = TestFrames.generate("categories", width, height, 10, 4);
        byte[] frame = new Av1LosslessEncoder(width, height, 10).encodeFrame(samples, width, height);
        assertThat(8.0 * frame.length / samples.length).isLessThan(3.0);
        Av1Frame decoded = Av1LosslessDecoder.fromCodecConfiguration(
                        new Av1LosslessEncoder(width, height, 10).sequenceHeaderObu())
                .decode(frame);
        assertThat(decoded.samples()).isEqualTo(samples);
    }

    @Test
    void booleanColumnsCostLessThanTheirOneBitPerSample() throws Exception {
        int width = 256;
        int height = 128;
        java.util.Random rnd = new java.util.Random(12);
        int[] samples = new int[width * height];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = rnd.nextInt(10) < 2 ? 1 : 0;
        }
        Av1LosslessEncoder encoder = new Av1LosslessEncoder(width, height, 10);
        byte[] frame = encoder.encodeFrame(samples, width, height);
        assertThat(8.0 * frame.length / samples.length).isLessThan(0.9);
        assertThat(Av1LosslessDecoder.fromCodecConfiguration(encoder.sequenceHeaderObu())
                        .decode(frame)
                        .samples())
                .isEqualTo(samples);
    }

    @Test
    void encoderRefusesSamplesOutsideTheBitDepthAndSizesOutsideTheMaximum() {
        Av1LosslessEncoder encoder = new Av1LosslessEncoder(8, 8, 8);
        assertThatThrownBy(() -> encoder.encodeFrame(new int[] {256}, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> encoder.encodeFrame(new int[81], 9, 9)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Av1LosslessEncoder(8, 8, 9)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void framesThatNeedNoPaddingAreCodedFromTheCallersSamplesWithoutChangingThem() throws Exception {
        // 256 x 64: a multiple of 8 each way, so the encoder codes the samples in place of a padded copy.
        int[] samples = TestFrames.generate("noise", 256, 64, 8, 5L);
        int[] given = samples.clone();
        Av1LosslessEncoder encoder = new Av1LosslessEncoder(256, 64, 8);
        byte[] frame = encoder.encodeFrame(samples, 256, 64);
        assertThat(samples).isEqualTo(given);
        assertThat(Av1LosslessDecoder.fromCodecConfiguration(encoder.codecConfigurationRecord())
                        .decode(frame)
                        .samples())
                .isEqualTo(given);

        int[] bad = new int[64];
        bad[5 * 8 + 3] = 256;
        assertThatThrownBy(() -> new Av1LosslessEncoder(8, 8, 8).encodeFrame(bad, 8, 8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sample 256 at (3, 5) is outside 0..255");
        int[] negative = new int[64];
        negative[63] = -1;
        assertThatThrownBy(() -> new Av1LosslessEncoder(8, 8, 8).encodeFrame(negative, 8, 8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sample -1 at (7, 7) is outside 0..255");
    }
}
