package coop.cpc.lakehouse.ingest.record;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.Values;
import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The short path for numbers gives what the general path gives, and leaves every other text to it. */
class PlainNumbersTest {
    private static final String CHARS = "0123456789000..-+e ٣x";

    @Test
    void everyTextThePlainPathReadsIsReadTheSameByTheGeneralPath() {
        Random r = new Random(1616);
        ColumnType[] decimals = {
            ColumnType.decimal(12, 2),
            ColumnType.decimal(2, 2),
            ColumnType.decimal(18, 0),
            ColumnType.decimal(18, 6),
            ColumnType.decimal(18, 18)
        };
        int readPlain = 0;
        for (int i = 0; i < 200_000; i++) {
            String text = randomText(r);
            for (ColumnType.Kind kind : new ColumnType.Kind[] {
                ColumnType.Kind.INT32, ColumnType.Kind.INT64, ColumnType.Kind.FLOAT32, ColumnType.Kind.FLOAT64
            }) {
                Object plain = kind == ColumnType.Kind.INT32 || kind == ColumnType.Kind.INT64
                        ? PlainNumbers.integer(kind, text)
                        : PlainNumbers.floating(kind, text);
                if (plain != null) {
                    readPlain++;
                    assertThat(plain).as("%s '%s'", kind, text).isEqualTo(Values.parse(ColumnType.of(kind), text));
                }
            }
            for (ColumnType type : decimals) {
                BigDecimal plain = PlainNumbers.decimal(type, text);
                if (plain != null) {
                    readPlain++;
                    Object general = Values.normalize(new Column("d", type, false), new BigDecimal(text));
                    assertThat(plain).as("%s '%s'", type, text).isEqualTo(general);
                }
            }
        }
        assertThat(readPlain).as("texts the plain path read").isGreaterThan(100_000);
    }

    @Test
    void textsOutsideThePlainShapeAreLeftToTheGeneralPath() {
        ColumnType amount = ColumnType.decimal(12, 2);
        for (String text : new String[] {"", "-", "+", ".5", "5.", "1.234", "1e3", "12345678901", "٣", " 1", "NaN"}) {
            assertThat(PlainNumbers.decimal(amount, text)).as("'%s'", text).isNull();
        }
        assertThat(PlainNumbers.integer(ColumnType.Kind.INT64, "1234567890123456789"))
                .isNull();
        assertThat(PlainNumbers.integer(ColumnType.Kind.INT32, "2147483648")).isNull();
        assertThat(PlainNumbers.floating(ColumnType.Kind.FLOAT64, "1e3")).isNull();
        assertThat(PlainNumbers.floating(ColumnType.Kind.FLOAT32, "9".repeat(39)))
                .isNull();
        assertThat(PlainNumbers.decimal(amount, "-0.00")).isEqualTo(new BigDecimal("0.00"));
        assertThat(PlainNumbers.decimal(amount, "0008.7")).isEqualTo(new BigDecimal("8.70"));
    }

    private static String randomText(Random r) {
        StringBuilder text = new StringBuilder();
        int length = 1 + r.nextInt(r.nextInt(4) == 0 ? 40 : 12);
        for (int i = 0; i < length; i++) {
            // Mostly digits, a point or sign now and then, rarely anything else.
            int pick = r.nextInt(20);
            text.append(pick < 16 ? (char) ('0' + r.nextInt(10)) : CHARS.charAt(r.nextInt(CHARS.length())));
        }
        return text.toString();
    }
}
