package coop.cpc.lakehouse.columnar.encoding.bytes;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.columnar.ThreadAllocation;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DeflatedBytesTest {
    @Test
    void refusesLengthsBeyondWhatTheCompressedBytesCanInflateTo() {
        // The reviewer's case: one deflated "x" (3 bytes) whose lengths claim two billion bytes.
        byte[] tiny = DeflatedBytes.deflate(new byte[][] {"x".getBytes(StandardCharsets.UTF_8)});
        long[] words = DeflatedBytes.words(tiny);
        // The result is asserted outside the measurement: AssertJ's first use in a fork loads classes worth MBs.
        byte[][][] result = {new byte[0][]};
        ThreadAllocation.Measured m = ThreadAllocation.of(() ->
                result[0] = DeflatedBytes.values(new long[] {Integer.MAX_VALUE - 9L}, words, tiny.length));
        assertThat(m.thrown()).isNull();
        assertThat(result[0]).isNull();
        assertThat(m.bytes()).isLessThan(1 << 20);
    }

    @Test
    void inflatesTheMostCompressibleInput() {
        // A megabyte of one byte deflates about 1,000:1, close to deflate's limit of 1,032:1 the reader allows.
        byte[][] values = {new byte[1 << 20], new byte[] {1}};
        byte[] compressed = DeflatedBytes.deflate(values);
        byte[][] back =
                DeflatedBytes.values(new long[] {1 << 20, 1}, DeflatedBytes.words(compressed), compressed.length);
        assertThat(back).isNotNull();
        assertThat(back[0]).isEqualTo(values[0]);
        assertThat(back[1]).containsExactly(1);
    }
}
