package coop.cpc.lakehouse.sled.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.sled.SledEncoder;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VarintTest {

    /** Each row derives from sled's serializer: see the rule on each line. */
    @ParameterizedTest
    @CsvSource({
        "00, 0", // b0 <= 240: the value itself
        "f0, 240",
        "f101, 241", // 240 + 256*(241-241) + 1
        "f8ff, 2287", // 240 + 256*(248-241) + 255
        "f90000, 2288", // 249: 2288 + 256*b1 + b2
        "f9ffff, 67823", // 2288 + 65535
        "faf00801, 67824", // 250: 3 little-endian bytes, 0x0108f0
        "fbffffffff, 4294967295", // 251: 4 bytes
        "ff0000000000000080, -9223372036854775808", // 255: 8 bytes; u64 2^63 read as a signed long
        "ffffffffffffffffff, -1", // u64::MAX
    })
    void decodesSledEncoding(String hex, long value) {
        assertThat(Varint.decode(java.util.HexFormat.of().parseHex(hex))).isEqualTo(value);
    }

    @Test
    void roundTripsSledSerializerOverRandomValues() {
        Random random = new Random(34);
        for (int i = 0; i < 10_000; i++) {
            long value = random.nextLong() >>> random.nextInt(64);
            byte[] encoded = SledEncoder.bytes().varint(value).toBytes();

            ByteCursor cursor = new ByteCursor(encoded);
            assertThat(cursor.varint()).isEqualTo(value);
            assertThat(cursor.hasRemaining()).isFalse();
        }
    }

    @Test
    void rejectsTruncatedVarint() {
        assertThatThrownBy(() -> Varint.decode(new byte[] {(byte) 0xfa, 1, 2}))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessage("truncated: expected byte (payload byte 3)");
    }

    @Test
    void rejectsByteStringLongerThanItsBuffer() {
        assertThatThrownBy(() -> new ByteCursor(new byte[] {5, 'a', 'b'}).ivec())
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessage("byte string of 5 bytes runs past the end (2 left) (payload byte 0)");
    }
}
