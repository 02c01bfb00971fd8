package coop.cpc.lakehouse.columnar.encoding.floatbits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SortableFloatBitsTest {
    @Test
    void keepsEveryBitAndOrdersLikeDoubleCompare() {
        Random r = new Random(11);
        for (int i = 0; i < 10_000; i++) {
            double a = Double.longBitsToDouble(r.nextLong());
            double b = r.nextGaussian();
            assertThat(Double.doubleToRawLongBits(SortableFloatBits.decodeDouble(SortableFloatBits.encode(a))))
                    .isEqualTo(Double.doubleToRawLongBits(a));
            if (!Double.isNaN(a)) {
                assertThat(Long.signum(Long.compare(SortableFloatBits.encode(a), SortableFloatBits.encode(b))))
                        .isEqualTo(Integer.signum(Double.compare(a, b)));
            }
            float f = Float.intBitsToFloat(r.nextInt());
            assertThat(Float.floatToRawIntBits(SortableFloatBits.decodeFloat(SortableFloatBits.encode(f))))
                    .isEqualTo(Float.floatToRawIntBits(f));
        }
    }
}
