package coop.cpc.lakehouse.columnar.ebml;

import coop.cpc.lakehouse.columnar.CorruptSegmentException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Reads EBML elements from a buffer that holds part of a file starting at a known file offset.
 * Strict: unknown ids, unknown sizes, overruns and bad CRC-32s are {@link
 * CorruptSegmentException}s naming the element and its absolute offset.
 */
public final class EbmlReader {
    private final byte[] buf;
    private final long fileOffset;

    /** buf[0] is the byte at fileOffset in the file. */
    public EbmlReader(byte[] buf, long fileOffset) {
        this.buf = buf;
        this.fileOffset = fileOffset;
    }

    public byte[] buffer() {
        return buf;
    }

    /** Reads the element header at pos; its data must end at or before limit. */
    public EbmlElement header(int pos, int limit, String parent) throws CorruptSegmentException {
        return header(pos, limit, parent, limit);
    }

    /**
     * Reads the element header at pos within limit; its data must end at or before dataLimit,
     * a buffer position that may lie past the buffer (when only headers are read).
     */
    public EbmlElement header(int pos, int limit, String parent, long dataLimit) throws CorruptSegmentException {
        long at = fileOffset + pos;
        if (pos >= limit) {
            throw new CorruptSegmentException("truncated element header", parent, at);
        }
        int first = buf[pos] & 0xFF;
        int idLen = Integer.numberOfLeadingZeros(first) - 23;
        if (first == 0 || idLen > 4) {
            throw new CorruptSegmentException("invalid element id", parent, at);
        }
        if (pos + idLen > limit) {
            throw new CorruptSegmentException("truncated element id", parent, at);
        }
        int rawId = 0;
        for (int i = 0; i < idLen; i++) {
            rawId = (rawId << 8) | (buf[pos + i] & 0xFF);
        }
        EbmlId id = EbmlId.of(rawId);
        if (id == null) {
            throw new CorruptSegmentException(
                    "unknown element id 0x" + Integer.toHexString(rawId).toUpperCase(), parent, at);
        }
        int p = pos + idLen;
        if (p >= limit) {
            throw new CorruptSegmentException("truncated element size", id.elementName(), at);
        }
        int sizeFirst = buf[p] & 0xFF;
        int sizeLen = Integer.numberOfLeadingZeros(sizeFirst) - 23;
        if (sizeFirst == 0 || p + sizeLen > limit) {
            throw new CorruptSegmentException("invalid element size", id.elementName(), at);
        }
        long size = sizeFirst & (0xFF >>> sizeLen);
        for (int i = 1; i < sizeLen; i++) {
            size = (size << 8) | (buf[p + i] & 0xFF);
        }
        if (size == (1L << (7 * sizeLen)) - 1) {
            throw new CorruptSegmentException("unknown size not allowed", id.elementName(), at);
        }
        int dataPos = p + sizeLen;
        if (size > dataLimit - dataPos || size > Integer.MAX_VALUE) {
            throw new CorruptSegmentException("element overruns its parent", id.elementName(), at);
        }
        return new EbmlElement(id, at, dataPos, (int) size, fileOffset + dataPos);
    }

    /**
     * The children of a master element, each of an allowed id. If crc is set, the first child
     * must be a CRC-32 matching the remaining data; it is not returned.
     */
    public List<EbmlElement> children(EbmlElement master, boolean crc, Set<EbmlId> allowed)
            throws CorruptSegmentException {
        List<EbmlElement> out = new ArrayList<>();
        int pos = master.dataPos();
        int end = master.endPos();
        String name = master.id().elementName();
        if (crc) {
            EbmlElement c = header(pos, end, name);
            if (c.id() != EbmlId.CRC32 || c.size() != 4) {
                throw new CorruptSegmentException("missing CRC-32", name, master.offset());
            }
            byte[] expected = EbmlWriter.crc32Le(buf, c.endPos(), end - c.endPos());
            if (!Arrays.equals(expected, 0, 4, buf, c.dataPos(), c.dataPos() + 4)) {
                throw new CorruptSegmentException("CRC-32 mismatch", name, master.offset());
            }
            pos = c.endPos();
        }
        while (pos < end) {
            EbmlElement e = header(pos, end, name);
            if (!allowed.contains(e.id())) {
                throw new CorruptSegmentException("unexpected " + e.id().elementName(), name, e.offset());
            }
            out.add(e);
            pos = e.endPos();
        }
        return out;
    }

    public static Set<EbmlId> ids(EbmlId first, EbmlId... rest) {
        return EnumSet.of(first, rest);
    }

    public long uint(EbmlElement e) throws CorruptSegmentException {
        if (e.size() < 1 || e.size() > 8) {
            throw new CorruptSegmentException("bad unsigned integer length", e.id().elementName(), e.offset());
        }
        long v = 0;
        for (int i = 0; i < e.size(); i++) {
            v = (v << 8) | (buf[e.dataPos() + i] & 0xFF);
        }
        return v;
    }

    public double float64(EbmlElement e) throws CorruptSegmentException {
        if (e.size() != 8) {
            throw new CorruptSegmentException("bad float length", e.id().elementName(), e.offset());
        }
        return Double.longBitsToDouble(uint(e));
    }

    public String string(EbmlElement e) {
        return new String(buf, e.dataPos(), e.size(), StandardCharsets.UTF_8);
    }

    public byte[] binary(EbmlElement e) {
        return Arrays.copyOfRange(buf, e.dataPos(), e.endPos());
    }
}
