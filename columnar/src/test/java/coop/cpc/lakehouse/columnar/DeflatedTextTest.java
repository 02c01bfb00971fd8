package coop.cpc.lakehouse.columnar;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.columnar.encoding.ChunkDescriptor;
import coop.cpc.lakehouse.columnar.encoding.Encoding;
import coop.cpc.lakehouse.columnar.encoding.bytes.DeflatedBytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Format version 3's text mapping: free text deflated and laid out as 48-bit words (narrow planes) is
 * smaller than version 2's bytes-as-samples, reads back exactly, and stock decoders decode it bit-exactly.
 */
class DeflatedTextTest {
    private static final Schema SCHEMA = Schema.of(new Column("note", ColumnType.of(ColumnType.Kind.STRING), true));
    private static final String[] CITIES = {"Zürich", "Lyon", "Porto", "Kraków", "Gent", "Oslo", "Bilbao"};

    /** Notes shaped like the ingestion benchmark's: a template, two numbers, a city; a quarter null. */
    private static List<Object[]> rows(int n) {
        Random r = new Random(16);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(new Object[] {
                r.nextInt(4) == 0
                        ? null
                        : "order " + r.nextInt(100_000) + " shipped to " + CITIES[r.nextInt(CITIES.length)] + ", "
                                + r.nextInt(50) + " items"
            });
        }
        return rows;
    }

    @Test
    void deflatedTextIsSmallerThanBytesAsSamplesAndReadsBackExactly() throws Exception {
        List<Object[]> rows = rows(10_000);
        byte[] v2 = Segments.write(SCHEMA, rows, 4096, 2);
        byte[] v3 = Segments.write(SCHEMA, rows, 4096, 3);
        ChunkDescriptor chunk = Segments.firstChunk(v3);
        assertThat(chunk.encoding()).isEqualTo(Encoding.DEFLATE_BYTES);
        assertThat(Segments.firstChunk(v2).encoding()).isEqualTo(Encoding.LENGTH_BYTES);
        assertThat(v3.length).as("v3 %d bytes vs v2 %d", v3.length, v2.length).isLessThan(v2.length * 3 / 4);
        List<Object[]> back = WebmColumnar.read(v3).rows();
        for (int i = 0; i < rows.size(); i++) {
            assertThat(back.get(i)).containsExactly(rows.get(i));
        }
        Oracles.check(v3);
    }

    @Test
    void aRowGroupOfLongNotesAboveTwoTo28BytesIsDeflatedAndReadsBack() throws Exception {
        // The post-merge review's case: a default row group (65,536 rows) of ~4,200-byte notes, 275 MB of text,
        // more than 2^28 bytes: deflated words take the samples, not the bytes, so the chunk must stay writable
        // and readable (it was before the 2^28 stream bound was applied to DEFLATE_BYTES totals too).
        String filler = "the customer called about the delivery and asked for a new date; ".repeat(64);
        List<Object[]> rows = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < 65_536; i++) {
            String note = "note " + i + ": " + filler;
            total += note.length();
            rows.add(new Object[] {note});
        }
        assertThat(total).isGreaterThan(ChunkDescriptor.MAX_STREAM_LENGTH);
        byte[] segment = Segments.write(SCHEMA, rows, 65_536, 3);
        assertThat(Segments.firstChunk(segment).encoding()).isEqualTo(Encoding.DEFLATE_BYTES);
        List<Object[]> back = WebmColumnar.read(segment).rows();
        assertThat(back).hasSameSizeAs(rows);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(back.get(i)[0]).isEqualTo(rows.get(i)[0]);
        }
    }

    @Test
    void wordsThatDoNotInflateToTheLengthsAreRefused() {
        byte[][] values = {"alpha alpha alpha alpha".getBytes(), "beta beta beta".getBytes()};
        byte[] compressed = DeflatedBytes.deflate(values);
        long[] words = DeflatedBytes.words(compressed);
        long[] lengths = {values[0].length, values[1].length};
        assertThat(DeflatedBytes.values(lengths, words, compressed.length)).isDeepEqualTo(values);
        assertThat(DeflatedBytes.values(new long[] {values[0].length, values[1].length + 1}, words, compressed.length))
                .as("one byte more than the stream holds")
                .isNull();
        assertThat(DeflatedBytes.values(new long[] {values[0].length, values[1].length - 1}, words, compressed.length))
                .as("one byte less")
                .isNull();
        long[] padded = words.clone();
        if (compressed.length % DeflatedBytes.WORD_BYTES != 0) {
            padded[padded.length - 1] |= 1;
            assertThat(DeflatedBytes.values(lengths, padded, compressed.length))
                    .as("non-zero padding")
                    .isNull();
        }
        long[] wide = words.clone();
        wide[0] |= 1L << 50;
        assertThat(DeflatedBytes.values(lengths, wide, compressed.length))
                .as("a word above 48 bits")
                .isNull();
        byte[] cut = java.util.Arrays.copyOf(compressed, compressed.length - 1);
        assertThat(DeflatedBytes.values(lengths, DeflatedBytes.words(cut), cut.length))
                .as("a stream cut short")
                .isNull();
        assertThat(DeflatedBytes.values(lengths, words, compressed.length + 7))
                .as("word count and length disagree")
                .isNull();
    }
}
