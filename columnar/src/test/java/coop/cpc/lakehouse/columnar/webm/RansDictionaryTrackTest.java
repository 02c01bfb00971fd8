package coop.cpc.lakehouse.columnar.webm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.CorruptSegmentException;
import coop.cpc.lakehouse.columnar.Oracles;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.columnar.Segments;
import coop.cpc.lakehouse.columnar.WebmColumnar;
import coop.cpc.lakehouse.columnar.encoding.ChunkEncoder;
import coop.cpc.lakehouse.columnar.encoding.EncodedChunk;
import coop.cpc.lakehouse.columnar.encoding.Encoding;
import coop.cpc.lakehouse.columnar.encoding.Transform;
import coop.cpc.lakehouse.columnar.encoding.bytes.DeflatedBytes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Format version 4 on whole segments: a skewed category column with nulls takes RANS_DICTIONARY, reads back
 * exactly, dav1d, aomdec and ffmpeg decode its track bit-exactly; {@code formatVersion(3)} still writes version 3;
 * and chunks forged with valid CRCs (the writer handed a crafted stream) are refused naming the problem.
 */
class RansDictionaryTrackTest {
    private static final Schema SCHEMA = Schema.of(new Column("category", ColumnType.of(ColumnType.Kind.STRING), true));
    private static final String[] NAMES = {
        "groceries", "rent", "salary", "fuel", "travel", "fees", "insurance", "dining", "utilities", "gifts"
    };

    private static List<Object[]> rows(int n) {
        Random r = new Random(4);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = Math.min(NAMES.length - 1, (int) (-Math.log(1 - r.nextDouble()) * 2));
            rows.add(new Object[] {r.nextInt(20) == 0 ? null : NAMES[k]});
        }
        return rows;
    }

    @Test
    void aSkewedCategoryTakesRansInVersion4AndStockDecodersDecodeItsTrack() throws Exception {
        List<Object[]> rows = rows(30_000);
        byte[] v4 = Segments.roundTrip(SCHEMA, rows, 15_000, 4);
        assertThat(Segments.firstChunk(v4).encoding()).isEqualTo(Encoding.RANS_DICTIONARY);
        assertThat(Segments.firstChunk(v4).mappingLabel()).isEqualTo("rans_dictionary:for,for");
        assertThat(new String(v4, StandardCharsets.ISO_8859_1)).contains("webm-columnar/4");
        Oracles.check(v4);

        byte[] v3 = Segments.roundTrip(SCHEMA, rows, 15_000, 3);
        assertThat(Segments.firstChunk(v3).encoding()).isEqualTo(Encoding.DICTIONARY);
        assertThat(new String(v3, StandardCharsets.ISO_8859_1))
                .contains("webm-columnar/3")
                .doesNotContain("webm-columnar/4");
        assertThat(v4.length).as("v4 %d bytes vs v3 %d", v4.length, v3.length).isLessThan(v3.length);
    }

    @Test
    void aForgedStreamWithValidChecksumsIsRefusedNamingWhatIsWrong() throws Exception {
        // A coded byte changed: the codes no longer decode to the counts' state and length.
        assertForgedRefused(
                s -> {
                    byte[] b = s.clone();
                    b[b.length - 5 - 1] += 1;
                    return b;
                },
                "rANS");
        // The first entry's count one higher (its LEB128 low group, after the entry count, length and bytes):
        // the counts would sum to one value more than the chunk has, so the last one is refused.
        assertForgedRefused(
                s -> {
                    byte[] b = s.clone();
                    b[2 + b[1]] += 1;
                    return b;
                },
                "entry count of values above ");
        // Words of the stream with a byte more at the end.
        assertForgedRefused(s -> java.util.Arrays.copyOf(s, s.length + 1), "rANS bytes left over after the last code");
        // An entry count of zero.
        assertForgedRefused(
                s -> {
                    byte[] b = s.clone();
                    b[0] = 0;
                    return b;
                },
                "entry count 0 for ");
    }

    /** Writes rows whose chunks the writer maps as usual, then forges their rANS stream; reading must refuse it. */
    private static void assertForgedRefused(UnaryOperator<byte[]> forge, String message) throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            StreamingSegmentEncoder encoder = new StreamingSegmentEncoder(
                    SCHEMA, 0, 4, Set.of(), pool, (type, values) -> forged(type, values, forge));
            List<Object[]> rows = rows(8_000);
            Object[] column = new Object[rows.size()];
            for (int i = 0; i < column.length; i++) {
                column[i] = rows.get(i)[0];
            }
            encoder.submit(new Object[][] {column}, column.length).join();
            byte[] segment = encoder.finish(null, 1);
            Throwable t = catchThrowable(() -> WebmColumnar.read(segment).rows());
            assertThat(t)
                    .isInstanceOf(CorruptSegmentException.class)
                    .hasMessageContaining(message)
                    .hasMessageContaining(" at offset ");
        } finally {
            pool.shutdownNow();
        }
    }

    private static EncodedChunk forged(ColumnType type, Object[] values, UnaryOperator<byte[]> forge) {
        EncodedChunk c = ChunkEncoder.encode(type, values, 4);
        assertThat(c.encoding()).isEqualTo(Encoding.RANS_DICTIONARY);
        long[] words = c.streams().get(c.streams().size() - 1).residuals();
        byte[] stream = DeflatedBytes.unpack(
                c.streams()
                        .get(c.streams().size() - 1)
                        .transform()
                        .invert(
                                c.streams().get(c.streams().size() - 1).first(),
                                c.streams().get(c.streams().size() - 1).base(),
                                words.clone(),
                                c.streams().get(c.streams().size() - 1).length()),
                c.param());
        byte[] bad = forge.apply(stream);
        List<coop.cpc.lakehouse.columnar.encoding.TransformedStream> streams = new ArrayList<>(c.streams());
        streams.set(streams.size() - 1, Transform.cheapest(DeflatedBytes.words(bad)));
        return new EncodedChunk(c.rows(), c.nulls(), c.encoding(), bad.length, streams, c.min(), c.max(), c.valueSet());
    }

    @Test
    void aVersion3ChunkIndexCannotHoldRansChunks() {
        EncodedChunk c = ChunkEncoder.encode(
                ColumnType.of(ColumnType.Kind.STRING),
                rows(8_000).stream().map(r -> r[0]).toArray(),
                4);
        assertThat(c.encoding()).isEqualTo(Encoding.RANS_DICTIONARY);
        TrackLayout layout = TrackLayout.of(List.of(c), 0, true, true);
        assertThat(layout.usesVersion4()).isTrue();
        ColumnType string = ColumnType.of(ColumnType.Kind.STRING);
        assertThatThrownBy(() -> ChunkIndex.write(string, layout.chunks, WebmConstants.CHUNK_INDEX_VERSION_3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rANS dictionaries need chunk index version 4");
        byte[] v4 = ChunkIndex.write(string, layout.chunks, WebmConstants.CHUNK_INDEX_VERSION_4);
        assertThat(ChunkIndex.read(string, v4, 4)).hasSize(1);
        byte[] claimsV3 = v4.clone();
        claimsV3[0] = 3;
        assertThatThrownBy(() -> ChunkIndex.read(string, claimsV3, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown encoding");
        assertThatThrownBy(() -> ChunkIndex.read(string, v4, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unsupported chunk index version 4");
    }
}
