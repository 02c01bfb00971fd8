package coop.cpc.lakehouse.columnar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Strings compare in the order of their UTF-8 bytes (what statistics, value sets and row filters have always used),
 * and do so without encoding them: a row filter on a string column compares every scanned value with its operand.
 */
class StringOrderWithoutEncodingTest {
    private static final ColumnType STRING = ColumnType.of(ColumnType.Kind.STRING);

    private static int byteOrder(String a, String b) {
        return Integer.signum(
                Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void ordersAsTheUtf8BytesDoAroundTheSurrogates() {
        List<String> samples = List.of(
                "",
                "a",
                "ab",
                "row 10",
                "row 9",
                "\u00e9",
                "\u07ff",
                "\u0800",
                "\ud7ff",
                "\ue000",
                "\uffff",
                "\ud800\udc00",
                "\ud83d\ude00",
                "x\ud83d\ude00",
                "x\uffff",
                "x\ud83d",
                "x\ude00",
                "\ud83d",
                "\ud83dx",
                "x\ud83d\ude00y",
                "x\ud83d\ude01");
        for (String a : samples) {
            for (String b : samples) {
                assertThat(Integer.signum(Values.compare(STRING, a, b)))
                        .as("'%s' vs '%s'", a, b)
                        .isEqualTo(byteOrder(a, b));
            }
        }
    }

    @Test
    void ordersRandomStringsAsTheirUtf8Bytes() {
        Random random = new Random(13);
        char[] alphabet = {
            'a', 'b', '\u00ff', '\u0100', '\ud7ff', '\ud800', '\udbff', '\udc00', '\udfff', '\ue000', '\uffff'
        };
        for (int round = 0; round < 200_000; round++) {
            String a = randomString(random, alphabet);
            String b = random.nextInt(4) == 0 ? a + randomString(random, alphabet) : randomString(random, alphabet);
            assertThat(Integer.signum(Values.compare(STRING, a, b)))
                    .as("'%s' vs '%s'", a, b)
                    .isEqualTo(byteOrder(a, b));
        }
    }

    @Test
    void comparesStringsWithoutAllocating() {
        String a = new String("row 123456 of the backlog".toCharArray());
        String b = new String("row 123457 of the backlog".toCharArray());
        String c = new String("r\u00e9sum\u00e9 \u4e2d\u6587".toCharArray());
        for (int i = 0; i < 20_000; i++) {
            Values.compare(STRING, a, b);
            Values.compare(STRING, c, a);
        }
        ThreadAllocation.Measured measured = ThreadAllocation.of(() -> {
            for (int i = 0; i < 10_000; i++) {
                Values.compare(STRING, a, b);
                Values.compare(STRING, c, a);
            }
        });
        assertThat(measured.thrown()).isNull();
        // Encoding both strings for each comparison allocated about 100 bytes a comparison (2 MB here).
        assertThat(measured.bytes()).isLessThan(64 * 1024);
    }

    private static String randomString(Random random, char[] alphabet) {
        int length = random.nextInt(5);
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return new String(chars);
    }
}
