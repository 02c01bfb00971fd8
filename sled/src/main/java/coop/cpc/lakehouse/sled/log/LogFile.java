package coop.cpc.lakehouse.sled.log;

import coop.cpc.lakehouse.sled.SledIoException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The {@code db} file, opened read-only. No lock is taken: sled holds an advisory lock on this file
 * while it runs, and a reader must neither wait for it nor block sled.
 */
public final class LogFile implements LogBytes, AutoCloseable {

    private final Path path;
    private final FileChannel channel;

    private LogFile(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    public static LogFile open(Path path) {
        try {
            return new LogFile(path, FileChannel.open(path, StandardOpenOption.READ));
        } catch (IOException e) {
            throw new SledIoException(path, e);
        }
    }

    public Path path() {
        return path;
    }

    public long size() {
        try {
            return channel.size();
        } catch (IOException e) {
            throw new SledIoException(path, e);
        }
    }

    @Override
    public int read(long position, byte[] target, int offset, int length) {
        if (position < 0) {
            return -1;
        }
        ByteBuffer buffer = ByteBuffer.wrap(target, offset, length);
        try {
            int total = 0;
            while (buffer.hasRemaining()) {
                int read = channel.read(buffer, position + total);
                if (read < 0) {
                    break;
                }
                total += read;
            }
            return total == 0 && length > 0 && position >= channel.size() ? -1 : total;
        } catch (IOException e) {
            throw new SledIoException(path, e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new SledIoException(path, e);
        }
    }
}
