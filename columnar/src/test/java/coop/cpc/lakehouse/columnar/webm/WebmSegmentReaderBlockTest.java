package coop.cpc.lakehouse.columnar.webm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.CorruptSegmentException;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.columnar.SegmentWriter;
import coop.cpc.lakehouse.columnar.WebmColumnar;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One track's block of a row group (what a column read alone needs) is that track's of all the blocks. */
class WebmSegmentReaderBlockTest {
    private static byte[] segment() throws Exception {
        Schema schema = Schema.of(
                new Column("a", ColumnType.of(ColumnType.Kind.INT64), false),
                new Column("b", ColumnType.of(ColumnType.Kind.INT32), false),
                new Column("c", ColumnType.of(ColumnType.Kind.STRING), false));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SegmentWriter w =
                WebmColumnar.write(out).schema(schema).rowGroupSize(300).build()) {
            for (int i = 0; i < 700; i++) {
                w.add(new Object[] {i * 7919L % 1000, i % 13, "s" + i % 5});
            }
        }
        return out.toByteArray();
    }

    @Test
    void oneTracksBlockIsThatTracksOfAllTheBlocks() throws Exception {
        WebmSegmentReader reader = WebmSegmentReader.open(SegmentSource.of(segment()));
        for (int g = 0; g < 3; g++) {
            List<WebmSegmentReader.Block> all = reader.blocks(g);
            for (int t = 0; t < 3; t++) {
                WebmSegmentReader.Block one = reader.block(g, t);
                assertThat(one.track()).isEqualTo(t);
                assertThat(one.offset()).isEqualTo(all.get(t).offset());
                assertThat(one.payload())
                        .as("group %d track %d", g, t)
                        .isEqualTo(all.get(t).payload());
            }
        }
        assertThatThrownBy(() -> reader.block(0, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no track 3 (the segment has 3)");
        assertThatThrownBy(() -> reader.block(0, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void oneTracksBlockChecksTheOtherTracksBlocksOfItsCluster() throws Exception {
        byte[] seg = segment();
        WebmSegmentReader reader = WebmSegmentReader.open(SegmentSource.of(seg));
        // The last track's SimpleBlock of row group 0 claims track 2: reading track 0 alone still checks the whole
        // Cluster (its CRC-32 and every block's track) and refuses it.
        WebmSegmentReader.Block last = reader.blocks(0).get(2);
        byte[] header = WebmSegmentWriter.simpleBlock(3, new byte[0]);
        byte[] forgedBytes = seg.clone();
        int at = indexOf(forgedBytes, header, (int) last.offset());
        forgedBytes[at] = WebmSegmentWriter.simpleBlock(2, new byte[0])[0];
        WebmSegmentReader forged = WebmSegmentReader.open(SegmentSource.of(forgedBytes), reader.metadata());
        assertThatThrownBy(() -> forged.block(0, 0)).isInstanceOf(CorruptSegmentException.class);
        assertThat(reader.block(0, 0).payload()).isNotEmpty();
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        for (int i = from; i + pattern.length <= data.length; i++) {
            boolean match = true;
            for (int j = 0; j < pattern.length && match; j++) {
                match = data[i + j] == pattern[j];
            }
            if (match) {
                return i;
            }
        }
        throw new AssertionError("pattern not found");
    }
}
