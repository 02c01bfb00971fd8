package coop.cpc.lakehouse.columnar.av1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The decoder refuses what the encoder never writes, naming the element and the byte offset. */
class Av1SubsetRejectionTest {
    private final Av1LosslessEncoder encoder = new Av1LosslessEncoder(64, 64, 8);

    private static void setBits(byte[] buf, int bitOffset, int n, int value) {
        for (int i = 0; i < n; i++) {
            int bit = (value >>> (n - 1 - i)) & 1;
            int at = bitOffset + i;
            if (bit == 1) {
                buf[at >>> 3] |= (byte) (0x80 >>> (at & 7));
            } else {
                buf[at >>> 3] &= (byte) ~(0x80 >>> (at & 7));
            }
        }
    }

    @Test
    void codecConfigurationRecordStartsWithTheAv1cHeaderThenTheSequenceHeader() {
        byte[] record = encoder.codecConfigurationRecord();
        byte[] obu = encoder.sequenceHeaderObu();
        assertThat(record[0] & 0xFF).isEqualTo(0x81);
        assertThat(record[1] & 0xFF).isEqualTo(31);
        assertThat(record[2] & 0xFF).isEqualTo(0b0001_1100);
        assertThat(record[3]).isZero();
        assertThat(java.util.Arrays.copyOfRange(record, 4, record.length)).isEqualTo(obu);
        assertThat(obu[0] & 0xFF).isEqualTo(0x0A);
    }

    @Test
    void refusesAnUnsupportedSeqProfile() {
        byte[] obu = encoder.sequenceHeaderObu();
        setBits(obu, 16, 3, 1);
        assertThatThrownBy(() -> Av1LosslessDecoder.fromCodecConfiguration(obu))
                .isInstanceOf(Av1FormatException.class)
                .hasMessageContaining("unsupported seq_profile 1 at offset 2");
    }

    @Test
    void refusesASequenceHeaderWithCdefEnabled() {
        byte[] obu = encoder.sequenceHeaderObu();
        int cdefBit = 16 + 3 + 4 + 5 + 12 + 5 + 1 + 4 + 4 + 6 + 6 + 12 + 2;
        setBits(obu, cdefBit, 1, 1);
        assertThatThrownBy(() -> Av1LosslessDecoder.fromCodecConfiguration(obu))
                .isInstanceOf(Av1FormatException.class)
                .hasMessageContaining("enable_cdef");
    }

    @Test
    void refusesAFrameThatIsNotLossless() throws Exception {
        byte[] frame = encoder.encodeFrame(new int[64 * 64], 64, 64);
        int headerBits = 8 * (1 + leb128Length(frame));
        setBits(frame, headerBits + 10, 8, 40);
        Av1LosslessDecoder decoder = Av1LosslessDecoder.fromCodecConfiguration(encoder.sequenceHeaderObu());
        assertThatThrownBy(() -> decoder.decode(frame))
                .isInstanceOf(Av1FormatException.class)
                .hasMessageContaining("not lossless: base_q_idx 40");
    }

    @Test
    void refusesATemporalUnitWithoutAFrameOrWithAForeignSequenceHeader() throws Exception {
        Av1LosslessDecoder decoder = Av1LosslessDecoder.fromCodecConfiguration(encoder.codecConfigurationRecord());
        assertThatThrownBy(() -> decoder.decode(encoder.sequenceHeaderObu()))
                .isInstanceOf(Av1FormatException.class)
                .hasMessageContaining("no OBU_FRAME");
        byte[] other = new Av1LosslessEncoder(64, 64, 10).sequenceHeaderObu();
        byte[] frame = encoder.encodeFrame(new int[64 * 64], 64, 64);
        assertThatThrownBy(() -> decoder.decode(IvfWriter.temporalUnit(other, frame)))
                .isInstanceOf(Av1FormatException.class)
                .hasMessageContaining("differs from the configured one");
    }

    @Test
    void refusesAnObuSizeBeyondTheData() throws Exception {
        byte[] frame = encoder.encodeFrame(new int[64 * 64], 64, 64);
        byte[] cut = java.util.Arrays.copyOf(frame, frame.length - 1);
        Av1LosslessDecoder decoder = Av1LosslessDecoder.fromCodecConfiguration(encoder.sequenceHeaderObu());
        assertThatThrownBy(() -> decoder.decode(cut))
                .isInstanceOf(Av1FormatException.class)
                .hasMessageContaining("obu_size")
                .hasMessageContaining("offset 0");
    }

    /** A 64x64 frame whose single tile codes PARTITION_NONE with the given partition symbol and y mode. */
    private byte[] craftedFrame(int partition, int yMode) {
        BitWriter w = new BitWriter();
        FrameHeader.forSize(64, 64).write(w, SequenceHeader.of(64, 64, 8));
        int[] cdf = DefaultCdfs.newTileCdfs();
        SymbolEncoder enc = new SymbolEncoder(true);
        enc.encode(cdf, DefaultCdfs.OFF_PARTITION_W64, 10, partition);
        enc.encode(cdf, DefaultCdfs.OFF_SKIP, 2, 1);
        enc.encode(cdf, DefaultCdfs.OFF_Y_MODE, 13, yMode);
        w.writeBytes(enc.finish());
        return Obu.wrap(Obu.FRAME, w.toByteArray());
    }

    @Test
    void refusesIntraModesOutsideTheSubset() throws Exception {
        Av1LosslessDecoder decoder = Av1LosslessDecoder.fromCodecConfiguration(encoder.sequenceHeaderObu());
        assertThatThrownBy(() -> decoder.decode(craftedFrame(PartitionSearch.PARTITION_NONE, 3)))
                .isInstanceOf(Av1FormatException.class)
                .hasMessageContaining("unsupported intra_frame_y_mode D45_PRED")
                .hasMessageContaining("tile data at offset");
    }

    @Test
    void refusesExtendedPartitions() throws Exception {
        Av1LosslessDecoder decoder = Av1LosslessDecoder.fromCodecConfiguration(encoder.sequenceHeaderObu());
        assertThatThrownBy(() -> decoder.decode(craftedFrame(4, 0)))
                .isInstanceOf(Av1FormatException.class)
                .hasMessageContaining("unsupported partition 4");
    }

    @Test
    void aHandCraftedTileInsideTheSubsetDecodes() throws Exception {
        Av1LosslessDecoder decoder = Av1LosslessDecoder.fromCodecConfiguration(encoder.sequenceHeaderObu());
        Av1Frame frame = decoder.decode(craftedFrame(PartitionSearch.PARTITION_NONE, IntraPredictor.DC_PRED));
        assertThat(frame.samples()).containsOnly(128);
    }

    private static int leb128Length(byte[] obu) {
        int n = 1;
        while ((obu[n] & 0x80) != 0) {
            n++;
        }
        return n;
    }
}
