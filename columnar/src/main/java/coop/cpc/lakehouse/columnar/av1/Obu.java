package coop.cpc.lakehouse.columnar.av1;

import java.io.ByteArrayOutputStream;

/** OBU framing of spec 5.3: a one-byte header without extension, obu_has_size_field = 1, leb128 size. */
final class Obu {
    static final int SEQUENCE_HEADER = 1;
    static final int TEMPORAL_DELIMITER = 2;
    static final int FRAME_HEADER = 3;
    static final int TILE_GROUP = 4;
    static final int METADATA = 5;
    static final int FRAME = 6;
    static final int PADDING = 15;

    private Obu() {}

    static byte[] wrap(int type, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 10);
        out.write((type << 3) | 0b010);
        writeLeb128(out, payload.length);
        out.write(payload, 0, payload.length);
        return out.toByteArray();
    }

    /** leb128() of spec 4.10.5, in its shortest form. */
    static void writeLeb128(ByteArrayOutputStream out, long value) {
        do {
            int b = (int) (value & 0x7F);
            value >>>= 7;
            out.write(value != 0 ? b | 0x80 : b);
        } while (value != 0);
    }

    static byte[] temporalDelimiter() {
        return new byte[] {(byte) (TEMPORAL_DELIMITER << 3 | 0b010), 0};
    }

    static String typeName(int type) {
        return switch (type) {
            case SEQUENCE_HEADER -> "OBU_SEQUENCE_HEADER";
            case TEMPORAL_DELIMITER -> "OBU_TEMPORAL_DELIMITER";
            case FRAME_HEADER -> "OBU_FRAME_HEADER";
            case TILE_GROUP -> "OBU_TILE_GROUP";
            case METADATA -> "OBU_METADATA";
            case FRAME -> "OBU_FRAME";
            case 7 -> "OBU_REDUNDANT_FRAME_HEADER";
            case 8 -> "OBU_TILE_LIST";
            case PADDING -> "OBU_PADDING";
            default -> "reserved OBU type " + type;
        };
    }

    /** One parsed OBU header: its type and where its payload lies in the buffer. */
    record Header(int type, int payloadStart, int payloadEnd) {}

    /** Parses the OBU header at {@code offset}, checking every field against the subset and the buffer size. */
    static Header read(byte[] buf, int offset, int end) throws Av1FormatException {
        if (offset >= end) {
            throw new Av1FormatException("truncated: OBU header expected at offset " + offset);
        }
        int h = buf[offset] & 0xFF;
        if ((h & 0x80) != 0) {
            throw new Av1FormatException("obu_forbidden_bit is set at offset " + offset);
        }
        int type = (h >>> 3) & 0xF;
        if ((h & 0x04) != 0) {
            throw new Av1FormatException("unsupported obu_extension_flag 1 at offset " + offset);
        }
        if ((h & 0x02) == 0) {
            throw new Av1FormatException("unsupported obu_has_size_field 0 at offset " + offset);
        }
        int p = offset + 1;
        long size = 0;
        for (int i = 0; ; i++) {
            if (i == 8) {
                throw new Av1FormatException("obu_size leb128 longer than 8 bytes at offset " + (offset + 1));
            }
            if (p >= end) {
                throw new Av1FormatException("truncated: obu_size at offset " + p);
            }
            int b = buf[p++] & 0xFF;
            size |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                break;
            }
        }
        if (size > end - p) {
            throw new Av1FormatException("obu_size " + size + " of " + typeName(type) + " at offset " + offset
                    + " exceeds the " + (end - p) + " bytes left");
        }
        return new Header(type, p, p + (int) size);
    }
}
