package coop.cpc.lakehouse.sled.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airlift.compress.zstd.ZstdCompressor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ZstdBoundsTest {

    @Test
    void aFewKilobytesThatExpandPastTheLimitAreRefusedNotAllocated() {
        byte[] zeros = new byte[(int) Zstd.MAX_OUTPUT + 1];
        byte[] frame = compress(zeros);
        zeros = null;
        assertThat(frame.length).isLessThan(64 * 1024);

        assertThatThrownBy(() -> Zstd.decompressFrame(frame, Zstd.MAX_OUTPUT + 1))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageContaining("impossible decompressed length");
        assertThatThrownBy(() -> Zstd.decompressFrame(frame, 10))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageContaining("expands beyond");
    }

    @Test
    void framesUpToTheLimitStillDecode() {
        byte[] data = new byte[3 << 20];
        Arrays.fill(data, (byte) 7);
        assertThat(Zstd.decompressFrame(compress(data), data.length)).isEqualTo(data);
    }

    private static byte[] compress(byte[] data) {
        ZstdCompressor compressor = new ZstdCompressor();
        byte[] out = new byte[compressor.maxCompressedLength(data.length)];
        int n = compressor.compress(data, 0, data.length, out, 0, out.length);
        return Arrays.copyOf(out, n);
    }
}
