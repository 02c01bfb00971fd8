package coop.cpc.lakehouse.sled.format;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.sled.Fixtures;
import coop.cpc.lakehouse.sled.SledEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class HeadersTest {

    @Test
    void readsRecycledSegmentHeaderOfRealDatabase() throws IOException {
        byte[] header = firstBytesOf("db1", 20);

        // db1's first file slot was recycled: it holds the segment at LSN 15 * 512 KiB, opened when
        // everything up to the end of segment 14 (LSN 7_340_031) was stable.
        assertThat(SegmentHeader.parse(header)).isEqualTo(new SegmentHeader(7_864_320, 7_340_031, true));
    }

    @Test
    void detectsAnyFlippedBitInSegmentHeader() throws IOException {
        byte[] header = firstBytesOf("db1", 20);
        for (int bit = 0; bit < 160; bit++) {
            header[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(SegmentHeader.parse(header).crcValid()).as("bit %d", bit).isFalse();
            header[bit / 8] ^= (byte) (1 << (bit % 8));
        }
    }

    @Test
    void readsMessageHeaderFields() {
        byte[] message = SledEncoder.message(10, 300, 70_000, new byte[250]);

        MessageHeader header = MessageHeader.parse(message, 0, message.length);

        assertThat(header.kind()).isEqualTo(MessageKind.INLINE_LINK);
        assertThat(header.bodyLength()).isEqualTo(250);
        assertThat(header.segmentNumber()).isEqualTo(300);
        assertThat(header.pid()).isEqualTo(70_000);
        // crc 4 + kind 1 + len 250 (2 bytes) + segment 300 (2 bytes) + pid 70000 (4 bytes)
        assertThat(header.length()).isEqualTo(13);
    }

    @Test
    void readsUnknownKindAsCorrupted() {
        assertThat(MessageKind.fromId(12)).isEqualTo(MessageKind.CORRUPTED);
        assertThat(MessageKind.fromId(11)).isEqualTo(MessageKind.BLOB_LINK);
    }

    private static byte[] firstBytesOf(String fixture, int count) throws IOException {
        try (InputStream in = Files.newInputStream(Fixtures.directory(fixture).resolve("db"))) {
            return in.readNBytes(count);
        }
    }
}
