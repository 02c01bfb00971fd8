package coop.cpc.lakehouse.columnar.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.columnar.encoding.dictionary.Dictionary;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StringCountTest {

    @Test
    void countsLikeTheValuesBytesAndSharesEachDistinctValuesBytes() {
        String[] alphabet = {"EUR", "USD", "Zürich", "", "日本", "CHF", "a\u00e9b"};
        Random r = new Random(16);
        Object[] values = new Object[5_000];
        for (int i = 0; i < values.length; i++) {
            // New String objects: equal values are not the same reference.
            values[i] = new String(alphabet[(int) Math.min(alphabet.length - 1, Math.abs(r.nextGaussian() * 2))]);
        }
        byte[][] bytes = new byte[values.length][];
        Dictionary counted = StringCount.dictionary(values, bytes, values.length / 2);

        byte[][] expectedBytes = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            expectedBytes[i] = ((String) values[i]).getBytes(StandardCharsets.UTF_8);
        }
        Dictionary.Encoded expected =
                Dictionary.count(expectedBytes, values.length / 2).encode();
        Dictionary.Encoded actual = counted.encode();
        assertThat(actual.codes()).isEqualTo(expected.codes());
        assertThat(actual.entries()).isDeepEqualTo(expected.entries());
        assertThat(bytes).isDeepEqualTo(expectedBytes);
        assertThat(counted.size()).isEqualTo(alphabet.length);
        int[] first = counted.firstIndex();
        for (int d = 0; d < first.length; d++) {
            assertThat(((String) values[first[d]]).getBytes(StandardCharsets.UTF_8))
                    .isEqualTo(counted.values()[d]);
            for (int k = 0; k < first[d]; k++) {
                assertThat(values[k]).isNotEqualTo(values[first[d]]);
            }
        }
    }

    @Test
    void refusesTwoStringsThatEncodeToTheSameBytes() {
        // Lone surrogates both become '?' in UTF-8: counted by the String they would be two entries.
        Object[] values = {"\uD800", "\uDC00", "\uD800", "\uDC00", "x", "x", "x", "x"};
        byte[][] bytes = new byte[values.length][];
        assertThat(StringCount.dictionary(values, bytes, values.length / 2)).isNull();
        assertThat((Object[]) bytes).containsOnlyNulls();
    }

    @Test
    void refusesMoreDistinctValuesThanAllowed() {
        Object[] values = {"a", "b", "c", "a"};
        byte[][] bytes = new byte[values.length][];
        assertThat(StringCount.dictionary(values, bytes, 2)).isNull();
        assertThat((Object[]) bytes).containsOnlyNulls();
        assertThat(StringCount.dictionary(values, bytes, 3).size()).isEqualTo(3);
    }
}
