package coop.cpc.lakehouse.columnar.webm;

import coop.cpc.lakehouse.columnar.ColumnType;
import coop.cpc.lakehouse.columnar.Values;
import coop.cpc.lakehouse.columnar.encoding.ChunkDescriptor;
import coop.cpc.lakehouse.columnar.encoding.Encoding;
import coop.cpc.lakehouse.columnar.encoding.StreamDescriptor;
import coop.cpc.lakehouse.columnar.encoding.Transform;
import java.util.ArrayList;
import java.util.List;

/** The binary chunk index of a track (TagBinary LAKEHOUSE_CHUNKS, section 6 of the spec). */
final class ChunkIndex {
    private ChunkIndex() {}

    static byte[] write(ColumnType type, List<ChunkDescriptor> chunks) {
        return write(type, chunks, WebmConstants.CHUNK_INDEX_VERSION);
    }

    /** Version 2 adds stream mode 2 (narrow split) with its plane count after the limbs. */
    static byte[] write(ColumnType type, List<ChunkDescriptor> chunks, int version) {
        ByteSink s = new ByteSink();
        s.uv(version);
        s.uv(chunks.size());
        for (ChunkDescriptor c : chunks) {
            s.uv(c.rows());
            s.uv(c.nulls());
            s.uv(c.encoding().wireId());
            s.uv(c.param());
            s.uv(c.sampleCount());
            s.uv(c.streams().size());
            for (StreamDescriptor d : c.streams()) {
                s.uv(d.length());
                s.uv(d.transform().wireId());
                s.uv(d.first().length);
                for (long f : d.first()) {
                    s.zv(f);
                }
                s.zv(d.base());
                if (d.narrowPlanes() > 0 && version < WebmConstants.CHUNK_INDEX_VERSION_2) {
                    throw new IllegalArgumentException("narrow planes need chunk index version 2");
                }
                s.u8(d.narrowPlanes() > 0 ? 2 : d.split() ? 1 : 0);
                s.uv(d.exceptions());
                s.uv(d.limbs());
                if (d.narrowPlanes() > 0) {
                    s.uv(d.narrowPlanes());
                }
            }
            if (c.hasValueSet() && version < WebmConstants.CHUNK_INDEX_VERSION_3) {
                throw new IllegalArgumentException("value sets need chunk index version 3");
            }
            if (c.encoding() == Encoding.DEFLATE_BYTES && version < WebmConstants.CHUNK_INDEX_VERSION_3) {
                throw new IllegalArgumentException("deflated bytes need chunk index version 3");
            }
            if (c.encoding() == Encoding.RANS_DICTIONARY && version < WebmConstants.CHUNK_INDEX_VERSION_4) {
                throw new IllegalArgumentException("rANS dictionaries need chunk index version 4");
            }
            if (c.hasStats()) {
                s.u8(c.hasValueSet() ? 2 : 1);
                writeValue(s, type, c.min());
                writeValue(s, type, c.max());
                if (c.hasValueSet()) {
                    s.uv(c.valueSet().size());
                    for (Object v : c.valueSet()) {
                        writeValue(s, type, v);
                    }
                }
            } else {
                s.u8(0);
            }
        }
        return s.toByteArray();
    }

    static List<ChunkDescriptor> read(ColumnType type, byte[] bytes) {
        return read(type, bytes, WebmConstants.CHUNK_INDEX_VERSION_4);
    }

    /** Reads a chunk index of version 1 to 4, refusing versions above {@code maxVersion} (the segment's format). */
    static List<ChunkDescriptor> read(ColumnType type, byte[] bytes, int maxVersion) {
        ByteSource s = new ByteSource(bytes);
        long version = s.uv();
        if (version < WebmConstants.CHUNK_INDEX_VERSION || version > maxVersion) {
            throw new IllegalArgumentException("unsupported chunk index version " + version);
        }
        int count = s.count(bytes.length);
        List<ChunkDescriptor> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int rows = s.count(ChunkDescriptor.MAX_ROWS);
            int nulls = s.count(rows);
            Encoding encoding = Encoding.fromWireId(s.uv());
            if (encoding == null
                    || (encoding == Encoding.DEFLATE_BYTES && version < WebmConstants.CHUNK_INDEX_VERSION_3)
                    || (encoding == Encoding.RANS_DICTIONARY && version < WebmConstants.CHUNK_INDEX_VERSION_4)) {
                throw new IllegalArgumentException("unknown encoding");
            }
            int param = s.count(Integer.MAX_VALUE);
            int samples = s.count(WebmConstants.MAX_CHUNK_SAMPLES);
            int streamCount = s.count(8);
            List<StreamDescriptor> streams = new ArrayList<>(streamCount);
            for (int j = 0; j < streamCount; j++) {
                int length = s.count(ChunkDescriptor.MAX_STREAM_LENGTH);
                Transform t = Transform.fromWireId(s.uv());
                if (t == null) {
                    throw new IllegalArgumentException("unknown transform");
                }
                int firstCount = s.count(2);
                if (firstCount != Math.min(length, t.order())) {
                    throw new IllegalArgumentException("wrong number of first values");
                }
                long[] first = new long[firstCount];
                for (int k = 0; k < firstCount; k++) {
                    first[k] = s.zv();
                }
                long base = s.zv();
                int mode = s.u8();
                if (mode > (version >= WebmConstants.CHUNK_INDEX_VERSION_2 ? 2 : 1)) {
                    throw new IllegalArgumentException("bad stream mode " + mode);
                }
                int exceptions = s.count(length);
                int limbs = s.count(64);
                if (mode >= 1 && exceptions != 0) {
                    throw new IllegalArgumentException("split stream with exceptions");
                }
                int narrow = 0;
                if (mode == 2) {
                    narrow = s.count(21);
                    if (narrow == 0 || limbs * 8L + narrow * 3L > 64 + 12) {
                        throw new IllegalArgumentException("bad narrow plane count " + narrow);
                    }
                }
                streams.add(new StreamDescriptor(length, t, first, base, mode >= 1, exceptions, limbs, narrow));
            }
            Object min = null;
            Object max = null;
            List<Object> valueSet = null;
            int present = s.u8();
            if (present == 1 || (present == 2 && version >= WebmConstants.CHUNK_INDEX_VERSION_3)) {
                min = readValue(s, type);
                max = readValue(s, type);
                if (present == 2) {
                    valueSet = readValueSet(s, type, min, max);
                }
            } else if (present != 0) {
                throw new IllegalArgumentException("bad statistics flag");
            }
            out.add(new ChunkDescriptor(rows, nulls, encoding, param, samples, streams, min, max, valueSet));
        }
        if (!s.atEnd()) {
            throw new IllegalArgumentException("trailing bytes after chunk index");
        }
        return out;
    }

    /** A value set: 1..MAX_VALUE_SET values, strictly ascending, from min to max. */
    private static List<Object> readValueSet(ByteSource s, ColumnType type, Object min, Object max) {
        int n = s.count(ChunkDescriptor.MAX_VALUE_SET);
        if (n == 0) {
            throw new IllegalArgumentException("empty value set");
        }
        List<Object> set = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Object v = readValue(s, type);
            if (i > 0 && Values.compare(type, set.get(i - 1), v) >= 0) {
                throw new IllegalArgumentException("value set not strictly ascending");
            }
            set.add(v);
        }
        if (Values.compare(type, set.get(0), min) != 0 || Values.compare(type, set.get(n - 1), max) != 0) {
            throw new IllegalArgumentException("value set does not span [min, max]");
        }
        return set;
    }

    private static void writeValue(ByteSink s, ColumnType type, Object v) {
        switch (type.kind()) {
            case FLOAT32 -> s.fixed(Float.floatToRawIntBits((Float) v) & 0xFFFFFFFFL, 4);
            case FLOAT64 -> s.fixed(Double.doubleToRawLongBits((Double) v), 8);
            case STRING, BYTES -> {
                byte[] b = Values.toBytes(type, v);
                s.uv(b.length);
                s.bytes(b);
            }
            default -> s.zv(Values.toLong(type, v));
        }
    }

    private static Object readValue(ByteSource s, ColumnType type) {
        return switch (type.kind()) {
            case FLOAT32 -> Float.intBitsToFloat((int) s.fixed(4));
            case FLOAT64 -> Double.longBitsToDouble(s.fixed(8));
            case STRING, BYTES -> Values.fromBytes(type, s.bytes(s.count(1 << 20)));
            default -> {
                Object v = Values.fromLong(type, s.zv());
                if (v == null) {
                    throw new IllegalArgumentException("statistic out of range");
                }
                yield v;
            }
        };
    }
}
