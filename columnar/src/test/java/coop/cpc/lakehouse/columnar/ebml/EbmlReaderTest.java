package coop.cpc.lakehouse.columnar.ebml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cpc.lakehouse.columnar.CorruptSegmentException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class EbmlReaderTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void readsWhatTheWriterWrites() throws Exception {
        byte[] b = new EbmlWriter()
                .masterWithCrc(
                        EbmlId.INFO,
                        w -> w.uint(EbmlId.TIMESTAMP_SCALE, 1_000_000)
                                .string(EbmlId.TITLE, "vitals")
                                .float64(EbmlId.DURATION, 2))
                .toByteArray();
        EbmlReader r = new EbmlReader(b, 100);
        EbmlElement info = r.header(0, b.length, "Segment");
        assertThat(info.id()).isEqualTo(EbmlId.INFO);
        assertThat(info.offset()).isEqualTo(100);
        List<EbmlElement> kids =
                r.children(info, true, EbmlReader.ids(EbmlId.TIMESTAMP_SCALE, EbmlId.TITLE, EbmlId.DURATION));
        assertThat(r.uint(kids.get(0))).isEqualTo(1_000_000);
        assertThat(r.string(kids.get(1))).isEqualTo("vitals");
        assertThat(r.float64(kids.get(2))).isEqualTo(2.0);
    }

    @Test
    void rejectsACrcMismatchNamingTheElementAndOffset() {
        byte[] b = new EbmlWriter()
                .masterWithCrc(EbmlId.CUES, w -> w.master(EbmlId.CUE_POINT, p -> p.uint(EbmlId.CUE_TIME, 0)))
                .toByteArray();
        b[b.length - 1] ^= 1;
        EbmlReader r = new EbmlReader(b, 5000);
        assertThatThrownBy(() -> r.children(r.header(0, b.length, "Segment"), true, EbmlReader.ids(EbmlId.CUE_POINT)))
                .isInstanceOf(CorruptSegmentException.class)
                .hasMessage("CRC-32 mismatch in Cues at offset 5000");
    }

    @Test
    void rejectsUnknownIds() {
        // EC is Void: a valid EBML id that our format does not use.
        byte[] b = hex("EC 81 00");
        assertThatThrownBy(() -> new EbmlReader(b, 7).header(0, b.length, "Cluster"))
                .isInstanceOf(CorruptSegmentException.class)
                .hasMessage("unknown element id 0xEC in Cluster at offset 7");
    }

    @Test
    void rejectsAnElementThatOverrunsItsParent() {
        // TrackNumber claiming 4 bytes of data with only 1 present.
        byte[] b = hex("D7 84 01");
        assertThatThrownBy(() -> new EbmlReader(b, 0).header(0, b.length, "TrackEntry"))
                .isInstanceOf(CorruptSegmentException.class)
                .hasMessage("element overruns its parent in TrackNumber at offset 0");
    }

    @Test
    void rejectsUnknownSizes() {
        // 0xFF is the 1-byte "unknown size".
        byte[] b = hex("1F 43 B6 75 FF");
        assertThatThrownBy(() -> new EbmlReader(b, 0).header(0, b.length, "Segment"))
                .isInstanceOf(CorruptSegmentException.class)
                .hasMessage("unknown size not allowed in Cluster at offset 0");
    }
}
