package coop.cpc.lakehouse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RepeatedStringsTest {
    private static final String[] CATEGORIES = {"books", "café", "education", "", "ünïcödé ✓", "a\uD83D\uDE00b"};

    @Test
    void repeatedTextGivesTheStringMadeTheFirstTime() {
        RepeatedStrings fromBytes = new RepeatedStrings();
        RepeatedStrings fromChars = new RepeatedStrings();
        for (String category : CATEGORIES) {
            byte[] utf8 = ("xx" + category).getBytes(StandardCharsets.UTF_8);
            char[] chars = ("yyy" + category).toCharArray();
            String first = fromBytes.decode(utf8, 2, utf8.length - 2);
            String again = fromBytes.decode(utf8.clone(), 2, utf8.length - 2);
            assertThat(first).isEqualTo(category);
            assertThat(again).isSameAs(first);
            String firstChars = fromChars.of(chars, 3, chars.length - 3);
            assertThat(firstChars).isEqualTo(category);
            assertThat(fromChars.of(chars.clone(), 3, chars.length - 3)).isSameAs(firstChars);
        }
    }

    @Test
    void everyValueEqualsTheStringTheJdkMakes() {
        // Random bytes (most short ones malformed UTF-8) and characters (lone surrogates too), from a small pool so
        // that values repeat, beyond the table's size, and longer than what is kept.
        Random random = new Random(16);
        List<byte[]> pool = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            byte[] b = new byte[random.nextInt(i % 3 == 0 ? 60 : 12)];
            if (i % 2 == 0) {
                random.nextBytes(b);
            } else {
                for (int j = 0; j < b.length; j++) {
                    b[j] = (byte) ('a' + random.nextInt(3));
                }
            }
            pool.add(b);
        }
        RepeatedStrings fromBytes = new RepeatedStrings();
        RepeatedStrings fromChars = new RepeatedStrings();
        for (int n = 0; n < 200_000; n++) {
            byte[] b = pool.get(random.nextInt(n < 100_000 ? 40 : pool.size()));
            assertThat(fromBytes.decode(b, 0, b.length)).isEqualTo(new String(b, StandardCharsets.UTF_8));
            char[] c = new char[b.length];
            for (int j = 0; j < c.length; j++) {
                c[j] = (char) (b[j] * 263);
            }
            assertThat(fromChars.of(c, 0, c.length)).isEqualTo(new String(c));
        }
    }

    @Test
    void aColumnThatDoesNotRepeatStopsLookingForAWhile() {
        RepeatedStrings strings = new RepeatedStrings();
        for (int i = 0; i < RepeatedStrings.WINDOW; i++) {
            byte[] id = Integer.toString(i).getBytes(StandardCharsets.UTF_8);
            assertThat(strings.decode(id, 0, id.length)).isEqualTo(Integer.toString(i));
        }
        byte[] same = "same".getBytes(StandardCharsets.UTF_8);
        String first = strings.decode(same, 0, same.length);
        assertThat(strings.decode(same, 0, same.length)).isEqualTo(first).isNotSameAs(first);
        for (int i = 0; i < RepeatedStrings.PAUSE; i++) {
            strings.decode(same, 0, same.length);
        }
        String kept = strings.decode(same, 0, same.length);
        assertThat(strings.decode(same, 0, same.length)).isSameAs(kept);
    }

    @Test
    void aLongValueIsNeverKept() {
        RepeatedStrings strings = new RepeatedStrings();
        byte[] note = "n".repeat(RepeatedStrings.MAX_LENGTH + 1).getBytes(StandardCharsets.UTF_8);
        String first = strings.decode(note, 0, note.length);
        assertThat(strings.decode(note, 0, note.length)).isEqualTo(first).isNotSameAs(first);
    }
}
