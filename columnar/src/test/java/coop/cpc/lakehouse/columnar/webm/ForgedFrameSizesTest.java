package coop.cpc.lakehouse.columnar.webm;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.columnar.Column;
import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.CorruptSegmentException;
import coop.cpc.lakehouse.columnar.Schema;
import coop.cpc.lakehouse.columnar.Segments;
import coop.cpc.lakehouse.columnar.ThreadAllocation;
import coop.cpc.lakehouse.columnar.WebmColumnar;
import coop.cpc.lakehouse.columnar.av1.Av1LosslessEncoder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Frames whose size was forged: the reader refuses a track larger than the largest frame a writer makes, and a
 * codec configuration whose frames differ from the track's, before the AV1 decoder allocates a frame of that size.
 */
class ForgedFrameSizesTest {
    private static final ColumnType INT64 = ColumnType.of(ColumnType.Kind.INT64);

    @Test
    void theLargestFrameAReaderAcceptsIsTheLargestAWriterMakes() {
        int width = TrackLayout.width(WebmConstants.MAX_CHUNK_SAMPLES);
        assertThat(TrackLayout.MAX_FRAME_SAMPLES)
                .isEqualTo((long) width * TrackLayout.height(WebmConstants.MAX_CHUNK_SAMPLES, width))
                .isEqualTo(4352L * 61688);
    }

    @Test
    void refusesATrackLargerThanTheLargestFrameAWriterMakes() throws Exception {
        // 70,000 random bytes take one 8-bit sample each: a 256 x 280 frame, its height in two bytes.
        Random r = new Random(5);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 70_000; i++) {
            rows.add(new Object[] {(long) r.nextInt(256)});
        }
        byte[] segment = Segments.write(Schema.of(new Column("k", INT64, false)), rows, 70_000);
        assertThat(WebmColumnar.read(segment).metadata().tracks().get(0).height())
                .isEqualTo(280);
        // PixelWidth 256 -> 65,280 and PixelHeight 280 -> 65,528, the same byte lengths: 4.3 billion samples.
        byte[] forged = replaceOnce(segment, "b0820100", "b082ff00");
        forged = ForgedSegments.resealed(replaceOnce(forged, "ba820118", "ba82fff8"));
        byte[] bytes = forged;
        ThreadAllocation.Measured m =
                ThreadAllocation.of(() -> WebmColumnar.read(bytes).metadata());
        assertThat(m.thrown())
                .isInstanceOf(CorruptSegmentException.class)
                .hasMessageStartingWith("unexpected frame size 65280x65528 in Video at offset ");
    }

    @Test
    void refusesACodecConfigurationOfFramesLargerThanTheTracks() throws Exception {
        // A track of 256 x 8 frames whose sequence header declares 4096 x 2304 frames (one tile, 9.4 million
        // samples), in the CodecPrivate and in the block: a decoder trusting it allocates 38 MB for the frame.
        Av1LosslessEncoder small = new Av1LosslessEncoder(256, 8, 8);
        Av1LosslessEncoder large = new Av1LosslessEncoder(4096, 2304, 8);
        byte[] frame = small.encodeFrame(new int[256 * 8], 256, 8);
        byte[] header = large.sequenceHeaderObu();
        byte[] payload = new byte[header.length + frame.length];
        System.arraycopy(header, 0, payload, 0, header.length);
        System.arraycopy(frame, 0, payload, header.length, frame.length);
        Column column = new Column("k", INT64, false);
        TrackInfo track =
                new TrackInfo(1, column, 8, 256, 8, large.codecConfigurationRecord(), List.of(), 0, null, null);
        SegmentMetadata metadata =
                new SegmentMetadata(Schema.of(column), null, 0, List.of(), List.of(track), 0, WebmConstants.FORMAT);
        WebmSegmentReader reader = WebmSegmentReader.open(SegmentSource.of(new byte[0]), metadata);
        ThreadAllocation.Measured m =
                ThreadAllocation.of(() -> reader.samples(new WebmSegmentReader.Block(0, 1234, payload)));
        assertThat(m.bytes()).as("allocated before refusing").isLessThan(16L << 20);
        assertThat(m.thrown())
                .isInstanceOf(CorruptSegmentException.class)
                .hasMessage("AV1 frame does not decode (the codec configuration declares frames of 4096x2304,"
                        + " the track 256x8) in SimpleBlock at offset 1234");
    }

    private static byte[] replaceOnce(byte[] bytes, String from, String to) {
        String hex = HexFormat.of().formatHex(bytes);
        int at = hex.indexOf(from);
        assertThat(at % 2).as("%s at a byte boundary", from).isZero();
        assertThat(hex.indexOf(from, at + 1)).as("%s once", from).isNegative();
        return HexFormat.of().parseHex(hex.substring(0, at) + to + hex.substring(at + from.length()));
    }
}
