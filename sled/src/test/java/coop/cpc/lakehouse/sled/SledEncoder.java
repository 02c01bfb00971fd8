package coop.cpc.lakehouse.sled;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/** Test-side encoder that writes sled 0.34's formats the way sled's Rust serializer does. */
public final class SledEncoder {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public static SledEncoder bytes() {
        return new SledEncoder();
    }

    /** Port of sled's {@code impl Serialize for u64}. */
    public SledEncoder varint(long value) {
        if (Long.compareUnsigned(value, 240) <= 0) {
            out.write((int) value);
        } else if (Long.compareUnsigned(value, 2287) <= 0) {
            out.write((int) ((value - 240) / 256 + 241));
            out.write((int) ((value - 240) % 256));
        } else if (Long.compareUnsigned(value, 67823) <= 0) {
            out.write(249);
            out.write((int) ((value - 2288) / 256));
            out.write((int) ((value - 2288) % 256));
        } else {
            int size = 3;
            while (size < 8 && Long.compareUnsigned(value, (1L << (8 * size)) - 1) > 0) {
                size++;
            }
            out.write(247 + size);
            for (int i = 0; i < size; i++) {
                out.write((int) (value >>> (8 * i)));
            }
        }
        return this;
    }

    public SledEncoder u8(int value) {
        out.write(value);
        return this;
    }

    public SledEncoder u32(long value) {
        return raw(ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt((int) value)
                .array());
    }

    public SledEncoder i64(long value) {
        return raw(ByteBuffer.allocate(8)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(value)
                .array());
    }

    public SledEncoder ivec(byte[] value) {
        return varint(value.length).raw(value);
    }

    public SledEncoder raw(byte[] value) {
        out.writeBytes(value);
        return this;
    }

    public byte[] toBytes() {
        return out.toByteArray();
    }

    public static byte[] leaf(byte[] lo, byte[] hi, int prefixLen, long next, List<byte[]> keys, List<byte[]> values) {
        SledEncoder node = nodeHeader(lo, hi, prefixLen, next).u8(0).varint(keys.size());
        keys.forEach(node::ivec);
        values.forEach(node::ivec);
        return node.toBytes();
    }

    public static byte[] index(byte[] lo, byte[] hi, List<byte[]> keys, List<Long> children) {
        SledEncoder node = nodeHeader(lo, hi, 0, 0).u8(1).varint(keys.size());
        keys.forEach(node::ivec);
        children.forEach(node::varint);
        return node.toBytes();
    }

    private static SledEncoder nodeHeader(byte[] lo, byte[] hi, int prefixLen, long next) {
        return bytes().varint(next).varint(0).u8(0).u8(prefixLen).ivec(lo).ivec(hi);
    }

    public static byte[] meta(Map<byte[], Long> roots) {
        SledEncoder meta = bytes();
        roots.forEach((name, pid) -> meta.ivec(name).varint(pid));
        return meta.toBytes();
    }

    public static byte[] linkSet(byte[] key, byte[] value) {
        return bytes().u8(0).ivec(key).ivec(value).toBytes();
    }

    public static byte[] linkDel(byte[] key) {
        return bytes().u8(1).ivec(key).toBytes();
    }

    /** A log message: header with sled's CRC ({@code crc32(body ‖ header[4..]) ^ 0xFFFFFFFF}), then the body. */
    public static byte[] message(int kind, long segmentNumber, long pid, byte[] body) {
        byte[] headerTail = bytes().u8(kind)
                .varint(body.length)
                .varint(segmentNumber)
                .varint(pid)
                .toBytes();
        CRC32 crc = new CRC32();
        crc.update(body);
        crc.update(headerTail);
        return bytes().u32(crc.getValue() ^ 0xFFFF_FFFFL)
                .raw(headerTail)
                .raw(body)
                .toBytes();
    }

    public static byte[] segmentHeader(long lsn, long maxStableLsn) {
        byte[] tail = bytes().i64(lsn ^ 0x7FFF_FFFF_FFFF_FFFFL)
                .i64(maxStableLsn ^ 0x7FFF_FFFF_FFFF_FFFFL)
                .toBytes();
        CRC32 crc = new CRC32();
        crc.update(tail);
        return bytes().u32(crc.getValue() ^ 0xFFFF_FFFFL).raw(tail).toBytes();
    }

    public static byte[] conf(int segmentSize, boolean compression, String version) {
        byte[] text = ("segment_size: " + segmentSize + "\nuse_compression: " + compression + "\nversion: " + version
                        + "\n")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(text);
        return bytes().raw(text).u32(crc.getValue()).toBytes();
    }
}
