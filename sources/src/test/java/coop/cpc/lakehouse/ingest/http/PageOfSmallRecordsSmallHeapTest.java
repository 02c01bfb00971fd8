package coop.cpc.lakehouse.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.core.JsonPointer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Runs in a 64 MiB heap (surefire execution {@code small-heap}): a 24 MiB page of about a million small
 * records, which as one JSON tree would need several hundred MiB, is read record by record in the page's
 * size and a little more; a 16 MiB UTF-16 page (8 MiB as UTF-8) in its size and its UTF-8 copy.
 */
class PageOfSmallRecordsSmallHeapTest {

    @Test
    void aLargePageOfSmallRecordsIsReadWithinASmallHeap() throws Exception {
        assumeTrue(Runtime.getRuntime().maxMemory() < 100L << 20, "proves something only in the small-heap execution");
        assertEveryRecordIsRead(page(24 << 20), 1_000_000);
    }

    @Test
    void aUtf16PageOfSmallRecordsIsReadWithinASmallHeap() throws Exception {
        assumeTrue(Runtime.getRuntime().maxMemory() < 100L << 20, "proves something only in the small-heap execution");
        assertEveryRecordIsRead(utf16be(page(8 << 20)), 300_000);
    }

    /** Reads the page's records one by one: more than {@code atLeast}, with ids 0, 1, 2, ... */
    private static void assertEveryRecordIsRead(byte[] page, long atLeast) throws Exception {
        PageBody.Records records = PageBody.read(page).recordsAt(JsonPointer.compile("/data"));
        long sum = 0;
        for (int i = 0; i < records.size(); i++) {
            sum += records.get(i).get("id").asLong();
        }

        long n = records.size();
        assertThat(n).isGreaterThan(atLeast);
        assertThat(sum).isEqualTo(n * (n - 1) / 2);
    }

    /** The ASCII text as UTF-16BE (no byte order mark): each byte preceded by a zero byte. */
    private static byte[] utf16be(byte[] ascii) {
        byte[] out = new byte[2 * ascii.length];
        for (int i = 0; i < ascii.length; i++) {
            out[2 * i + 1] = ascii[i];
        }
        return out;
    }

    /** {@code {"data":[{"id":0,"n":"x"},{"id":1,"n":"x"},...],"next":null}}, padded with spaces to {@code bytes}. */
    private static byte[] page(int bytes) {
        byte[] out = new byte[bytes];
        java.util.Arrays.fill(out, (byte) ' ');
        int at = put(out, 0, "{\"data\":[");
        for (long id = 0; at < bytes - 64; id++) {
            at = put(out, at, (id == 0 ? "" : ",") + "{\"id\":" + id + ",\"n\":\"x\"}");
        }
        put(out, at, "],\"next\":null}");
        return out;
    }

    private static int put(byte[] out, int at, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, out, at, b.length);
        return at + b.length;
    }
}
