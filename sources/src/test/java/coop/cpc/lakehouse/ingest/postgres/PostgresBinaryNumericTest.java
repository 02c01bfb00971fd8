package coop.cpc.lakehouse.ingest.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class PostgresBinaryNumericTest {
    private static final SourceColumn AMOUNT = new SourceColumn("amount", "numeric", 12, 2, true, "numeric(12,2)");

    @Test
    void decodesBaseTenThousandDigitsWithTheirWeightAndSign() {
        // -1234.5: the digits 1234 (units of 10,000^0) and 5000 (of 10,000^-1), negative
        assertThat(PostgresBinary.decode(AMOUNT, numeric(0, 0x4000, 1234, 5000), 0, 12))
                .isEqualTo(new BigDecimal("-1234.50"));
    }

    @Test
    void refusesADigitOutsideBaseTenThousandAsNotNumericsBinaryForm() {
        byte[] overDigit = numeric(0, 0, 1234, 10_000);
        assertThatThrownBy(() -> PostgresBinary.decode(AMOUNT, overDigit, 0, overDigit.length))
                .isInstanceOf(SourceTableException.class)
                .hasMessageContaining("column amount");
        byte[] negativeDigit = numeric(0, 0, 1234, -1);
        assertThatThrownBy(() -> PostgresBinary.decode(AMOUNT, negativeDigit, 0, negativeDigit.length))
                .isInstanceOf(SourceTableException.class);
    }

    @Test
    void refusesASignWordThatIsNoneOfNumericsOwnAsNotNumericsBinaryForm() {
        byte[] oddSign = numeric(0, 0x1234, 7);
        assertThatThrownBy(() -> PostgresBinary.decode(AMOUNT, oddSign, 0, oddSign.length))
                .isInstanceOf(SourceTableException.class)
                .hasMessageContaining("not that type's binary form");
    }

    /** numeric's send format: digit count, weight, sign, display scale, then the base-10,000 digits. */
    private static byte[] numeric(int weight, int sign, int... digits) {
        ByteBuffer b = ByteBuffer.allocate(8 + 2 * digits.length);
        b.putShort((short) digits.length)
                .putShort((short) weight)
                .putShort((short) sign)
                .putShort((short) 2);
        for (int d : digits) {
            b.putShort((short) d);
        }
        return b.array();
    }
}
