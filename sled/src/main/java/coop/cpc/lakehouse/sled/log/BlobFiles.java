package coop.cpc.lakehouse.sled.log;

import coop.cpc.lakehouse.sled.CorruptSledFileException;
import coop.cpc.lakehouse.sled.SledIoException;
import coop.cpc.lakehouse.sled.format.MessageKind;
import coop.cpc.lakehouse.sled.format.Zstd;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * The {@code blobs/<lsn>} files holding pages too large for the log: {@code crc32(kind ‖ data)} as a
 * plain u32, then the kind byte, then the data.
 */
public final class BlobFiles {

    private static final int PREFIX = 5;

    /** What recovery learns from a blob without loading it. */
    enum Check {
        VALID,
        MISSING,
        DAMAGED
    }

    private final Path directory;
    private final LinkOption[] linkOptions;

    public BlobFiles(Path databaseDirectory) {
        this(databaseDirectory, false);
    }

    /** @param refuseLinks open blobs without following links, and refuse a {@code blobs} link */
    public BlobFiles(Path databaseDirectory, boolean refuseLinks) {
        this.directory = databaseDirectory.resolve("blobs");
        this.linkOptions = refuseLinks ? new LinkOption[] {LinkOption.NOFOLLOW_LINKS} : new LinkOption[0];
    }

    /** Blobs are read long after the database was opened: the folder is checked at each read. */
    private InputStream open(Path path) throws IOException {
        if (linkOptions.length > 0 && Files.isSymbolicLink(directory)) {
            throw new SledIoException(directory, "is a symbolic link; refused");
        }
        return Files.newInputStream(path, linkOptions);
    }

    public Path path(long blobLsn) {
        return directory.resolve(Long.toString(blobLsn));
    }

    /** Streams the blob through the CRC so that recovery's memory does not grow with blob size. */
    Check check(long blobLsn, MessageKind expectedKind) {
        Path path = path(blobLsn);
        try (InputStream in = open(path)) {
            byte[] prefix = in.readNBytes(PREFIX);
            if (prefix.length < PREFIX) {
                return Check.DAMAGED;
            }
            CRC32 crc = new CRC32();
            crc.update(prefix, 4, 1);
            byte[] chunk = new byte[64 * 1024];
            int read;
            while ((read = in.read(chunk)) > 0) {
                crc.update(chunk, 0, read);
            }
            if (crc.getValue() != storedCrc(prefix)) {
                return Check.DAMAGED;
            }
            requireKind(path, prefix[4], expectedKind);
            return Check.VALID;
        } catch (NoSuchFileException e) {
            return Check.MISSING;
        } catch (IOException e) {
            throw new SledIoException(path, e);
        }
    }

    /** A blob's kind byte and data (still compressed if the database is). */
    public record Content(MessageKind kind, byte[] data) {}

    /** Reads a whole blob and checks its CRC. */
    public Content read(long blobLsn) {
        Path path = path(blobLsn);
        byte[] bytes;
        try {
            try (InputStream in = open(path)) {
                long size = Files.size(path);
                if (size > Zstd.MAX_OUTPUT + PREFIX) {
                    throw new CorruptSledFileException(
                            path,
                            0,
                            "blob of " + size + " bytes is larger than the reader accepts (" + Zstd.MAX_OUTPUT
                                    + " bytes)");
                }
                bytes = in.readAllBytes();
            }
        } catch (NoSuchFileException e) {
            throw new CorruptSledFileException(path, 0, "blob file referenced by the page table is missing");
        } catch (IOException e) {
            throw new SledIoException(path, e);
        }
        if (bytes.length < PREFIX) {
            throw new CorruptSledFileException(path, bytes.length, "blob file is truncated");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 4, bytes.length - 4);
        if (crc.getValue() != storedCrc(bytes)) {
            throw new CorruptSledFileException(path, 0, "blob CRC mismatch");
        }
        byte[] data = new byte[bytes.length - PREFIX];
        System.arraycopy(bytes, PREFIX, data, 0, data.length);
        return new Content(MessageKind.fromId(bytes[4] & 0xFF), data);
    }

    private static void requireKind(Path path, byte kindByte, MessageKind expectedKind) {
        MessageKind kind = MessageKind.fromId(kindByte & 0xFF);
        if (kind != expectedKind) {
            throw new CorruptSledFileException(
                    path, 4, "blob holds a " + kind + " page where the log says " + expectedKind);
        }
    }

    private static long storedCrc(byte[] bytes) {
        return (bytes[0] & 0xFFL) | (bytes[1] & 0xFFL) << 8 | (bytes[2] & 0xFFL) << 16 | (bytes[3] & 0xFFL) << 24;
    }
}
