package coop.cpc.lakehouse.columnar.webm;

import coop.cpc.lakehouse.columnar.CorruptSegmentException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/** Random access to a segment's bytes; the reader fetches only the ranges it needs. */
public interface SegmentSource extends AutoCloseable {
    long length() throws IOException;

    /** Exactly length bytes at offset; a range past the end is a truncated segment. */
    byte[] read(long offset, int length, String element) throws IOException;

    @Override
    default void close() throws IOException {}

    /** The file's path, which errors name; null for a segment in memory. */
    default String name() {
        return null;
    }

    static SegmentSource of(byte[] bytes) {
        return new SegmentSource() {
            @Override
            public long length() {
                return bytes.length;
            }

            @Override
            public byte[] read(long offset, int length, String element) throws CorruptSegmentException {
                if (offset < 0 || length < 0 || offset + length > bytes.length) {
                    throw new CorruptSegmentException("truncated segment", element, offset);
                }
                return Arrays.copyOfRange(bytes, (int) offset, (int) offset + length);
            }
        };
    }

    static SegmentSource of(Path path) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        return new SegmentSource() {
            @Override
            public long length() throws IOException {
                return ch.size();
            }

            @Override
            public byte[] read(long offset, int length, String element) throws IOException {
                if (offset < 0 || length < 0 || offset + length > ch.size()) {
                    throw new CorruptSegmentException("truncated segment", element, offset);
                }
                ByteBuffer buf = ByteBuffer.allocate(length);
                while (buf.hasRemaining()) {
                    if (ch.read(buf, offset + buf.position()) < 0) {
                        throw new CorruptSegmentException("truncated segment", element, offset);
                    }
                }
                return buf.array();
            }

            @Override
            public void close() throws IOException {
                ch.close();
            }

            @Override
            public String name() {
                return path.toString();
            }
        };
    }
}
