package coop.cpc.lakehouse.columnar.av1;

/** The four fixed bytes of the AV1CodecConfigurationRecord ('av1C', AV1-ISOBMFF section 2.3). */
final class CodecConfiguration {
    private CodecConfiguration() {}

    static void writeHeader(SequenceHeader seq, byte[] out) {
        out[0] = (byte) 0x81;
        out[1] = (byte) ((seq.profile() << 5) | seq.levelIdx());
        int highBitdepth = seq.bitDepth() > 8 ? 1 : 0;
        int twelveBit = seq.bitDepth() == 12 ? 1 : 0;
        out[2] = (byte) ((seq.tier() << 7) | (highBitdepth << 6) | (twelveBit << 5) | (1 << 4) | (1 << 3) | (1 << 2));
        out[3] = 0;
    }

    /**
     * Parses an av1C record or a bare sequence header OBU into the sequence header it carries; an av1C
     * header must agree with that sequence header.
     */
    static SequenceHeader parse(byte[] bytes) throws Av1FormatException {
        if (bytes.length == 0) {
            throw new Av1FormatException("empty codec configuration at offset 0");
        }
        int obuStart = 0;
        if ((bytes[0] & 0xFF) == 0x81) {
            if (bytes.length < 5) {
                throw new Av1FormatException("truncated av1C record: " + bytes.length + " bytes at offset 0");
            }
            obuStart = 4;
        } else if ((bytes[0] & 0x80) != 0) {
            throw new Av1FormatException(
                    "unsupported av1C marker/version 0x" + Integer.toHexString(bytes[0] & 0xFF) + " at offset 0");
        }
        SequenceHeader seq = null;
        int p = obuStart;
        while (p < bytes.length) {
            Obu.Header h = Obu.read(bytes, p, bytes.length);
            if (h.type() == Obu.SEQUENCE_HEADER) {
                SequenceHeader parsed = SequenceHeader.parse(bytes, h.payloadStart(), h.payloadEnd());
                if (seq != null && !seq.equals(parsed)) {
                    throw new Av1FormatException("second, different sequence header at offset " + p);
                }
                seq = parsed;
            } else if (h.type() != Obu.METADATA) {
                throw new Av1FormatException(
                        "unsupported " + Obu.typeName(h.type()) + " in codec configuration at offset " + p);
            }
            p = h.payloadEnd();
        }
        if (seq == null) {
            throw new Av1FormatException("no sequence header OBU in codec configuration of " + bytes.length + " bytes");
        }
        if (obuStart == 4) {
            byte[] expected = new byte[4];
            writeHeader(seq, expected);
            for (int i = 1; i < 3; i++) {
                if (bytes[i] != expected[i]) {
                    throw new Av1FormatException(
                            "av1C byte at offset " + i + " is 0x" + Integer.toHexString(bytes[i] & 0xFF)
                                    + " but the sequence header implies 0x" + Integer.toHexString(expected[i] & 0xFF));
                }
            }
        }
        return seq;
    }
}
