package coop.cpc.lakehouse.columnar.ebml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Byte vectors derived by hand from RFC 8794; each test says how. */
class EbmlWriterTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void writesShortestSizeVintsSkippingTheReservedAllOnesValue() {
        // 1 byte: marker 0x80 | value, value < 127 (0x7F would be "unknown size").
        assertThat(EbmlWriter.encodeSize(0)).isEqualTo(hex("80"));
        assertThat(EbmlWriter.encodeSize(126)).isEqualTo(hex("FE"));
        // 127 needs 2 bytes: marker 0x40 in the first byte, 0x007F below it.
        assertThat(EbmlWriter.encodeSize(127)).isEqualTo(hex("40 7F"));
        assertThat(EbmlWriter.encodeSize(16382)).isEqualTo(hex("7F FE"));
        // 16383 = 2^14 - 1 is reserved in 2 bytes; 3 bytes: 0x20 marker, 0x003FFF.
        assertThat(EbmlWriter.encodeSize(16383)).isEqualTo(hex("20 3F FF"));
        // Segment sizes are always 8 bytes: 0x01 marker then 7 bytes of value.
        assertThat(EbmlWriter.encodeSize(300, 8)).isEqualTo(hex("01 00 00 00 00 00 01 2C"));
    }

    @Test
    void writesUnsignedIntegersInTheFewestBytes() {
        // TrackNumber D7, size 1, value 1.
        assertThat(new EbmlWriter().uint(EbmlId.TRACK_NUMBER, 1).toByteArray()).isEqualTo(hex("D7 81 01"));
        // TimestampScale 2AD7B1, 1000000 = 0x0F4240 in 3 bytes.
        assertThat(new EbmlWriter().uint(EbmlId.TIMESTAMP_SCALE, 1_000_000).toByteArray())
                .isEqualTo(hex("2A D7 B1 83 0F 42 40"));
        // Zero still takes one byte.
        assertThat(new EbmlWriter().uint(EbmlId.FLAG_LACING, 0).toByteArray()).isEqualTo(hex("9C 81 00"));
    }

    @Test
    void writesStringsFloatsAndBinaries() {
        // CodecID 86, "V_AV1" = 56 5F 41 56 31.
        assertThat(new EbmlWriter().string(EbmlId.CODEC_ID, "V_AV1").toByteArray())
                .isEqualTo(hex("86 85 56 5F 41 56 31"));
        // Duration 4489, 3.0 as IEEE double = 40 08 00 00 00 00 00 00.
        assertThat(new EbmlWriter().float64(EbmlId.DURATION, 3.0).toByteArray())
                .isEqualTo(hex("44 89 88 40 08 00 00 00 00 00 00"));
        // SeekID 53AB holding the Info id.
        assertThat(new EbmlWriter()
                        .binary(EbmlId.SEEK_ID, EbmlId.INFO.idBytes())
                        .toByteArray())
                .isEqualTo(hex("53 AB 84 15 49 A9 66"));
    }

    @Test
    void computesCrc32LikeZlibStoredLittleEndian() {
        // The CRC-32 check value of "123456789" is 0xCBF43926.
        byte[] data = "123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(EbmlWriter.crc32Le(data, 0, data.length)).isEqualTo(hex("26 39 F4 CB"));
    }

    @Test
    void prefixesAMasterWithACrcOfItsOtherChildren() {
        // Cues { CuePoint { CueTime 0 } }: CuePoint = BB 83 B3 81 00 (5 bytes);
        // with BF 84 <crc> (6 bytes) the Cues data is 11 bytes: 1C 53 BB 6B 8B.
        byte[] cuePoint = hex("BB 83 B3 81 00");
        byte[] crc = EbmlWriter.crc32Le(cuePoint, 0, cuePoint.length);
        byte[] expected = new byte[4 + 1 + 6 + 5];
        System.arraycopy(hex("1C 53 BB 6B 8B BF 84"), 0, expected, 0, 7);
        System.arraycopy(crc, 0, expected, 7, 4);
        System.arraycopy(cuePoint, 0, expected, 11, 5);
        byte[] actual = new EbmlWriter()
                .masterWithCrc(EbmlId.CUES, w -> w.master(EbmlId.CUE_POINT, p -> p.uint(EbmlId.CUE_TIME, 0)))
                .toByteArray();
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void namesElementsAsTheMatroskaSpecificationDoes() {
        assertThat(EbmlId.CRC32.elementName()).isEqualTo("CRC-32");
        assertThat(EbmlId.SIMPLE_BLOCK.elementName()).isEqualTo("SimpleBlock");
        assertThat(EbmlId.TAG_TRACK_UID.elementName()).isEqualTo("TagTrackUID");
        assertThat(EbmlId.EBML_MAX_ID_LENGTH.elementName()).isEqualTo("EBMLMaxIDLength");
    }
}
