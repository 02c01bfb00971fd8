package coop.cpc.lakehouse.sled.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class RangeCrcTest {

    private final Random random = new Random(20261207);

    @Test
    void theCrcOfAnyRangeIsWhatCrc32Computes() {
        byte[] bytes = new byte[70_000];
        random.nextBytes(bytes);
        RangeCrc ranges = new RangeCrc(bytes, bytes.length);
        for (int i = 0; i < 2_000; i++) {
            int from = random.nextInt(bytes.length + 1);
            int to = from + random.nextInt(bytes.length - from + 1);
            assertThat(ranges.of(from, to)).as("bytes %d..%d", from, to).isEqualTo(crc(bytes, from, to));
        }
        assertThat(ranges.of(0, 0)).isZero();
        assertThat(ranges.of(0, bytes.length)).isEqualTo(crc(bytes, 0, bytes.length));
    }

    @Test
    void combiningTheCrcsOfTwoPartsGivesTheCrcOfBoth() {
        for (int i = 0; i < 500; i++) {
            byte[] a = new byte[random.nextInt(300)];
            byte[] b = new byte[random.nextInt(300)];
            random.nextBytes(a);
            random.nextBytes(b);
            CRC32 both = new CRC32();
            both.update(a);
            both.update(b);
            assertThat(RangeCrc.combine(crc(a, 0, a.length), crc(b, 0, b.length), b.length))
                    .isEqualTo(both.getValue());
        }
    }

    private static long crc(byte[] bytes, int from, int to) {
        CRC32 crc = new CRC32();
        crc.update(bytes, from, to - from);
        return crc.getValue();
    }
}
