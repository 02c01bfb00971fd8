package coop.cpc.lakehouse.sled.log;

import coop.cpc.lakehouse.sled.CorruptSledFileException;
import coop.cpc.lakehouse.sled.SledIoException;
import coop.cpc.lakehouse.sled.format.ByteCursor;
import coop.cpc.lakehouse.sled.format.DiskPointer;
import coop.cpc.lakehouse.sled.format.MalformedPayloadException;
import coop.cpc.lakehouse.sled.format.Zstd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * A {@code snap.<stable_lsn as %016X>} page-table snapshot: {@code body | u64 uncompressed length |
 * crc32(body)}. The body holds {@code stable_lsn} (i64, non-negative values stored +1, 0 = none),
 * {@code active_segment} (varint, stored +1) and then one page state per pid.
 */
record Snapshot(Long stableLsn, PageTable pageTable) {

    /** A leftover {@code snap.*.generating} is an unfinished write and is ignored. */
    private static final Pattern NAME = Pattern.compile("snap\\.[0-9A-F]{16}");

    private static final int TRAILER = 12;

    static Optional<Path> newest(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(
                            file -> NAME.matcher(file.getFileName().toString()).matches())
                    .max((a, b) ->
                            a.getFileName().toString().compareTo(b.getFileName().toString()));
        } catch (IOException e) {
            throw new SledIoException(directory, e);
        }
    }

    static Snapshot read(Path file, boolean compressed) {
        byte[] bytes;
        try {
            if (Files.size(file) > Zstd.MAX_OUTPUT + TRAILER) {
                throw new CorruptSledFileException(
                        file,
                        0,
                        "snapshot of " + Files.size(file) + " bytes is larger than the reader accepts ("
                                + Zstd.MAX_OUTPUT + " bytes)");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new SledIoException(file, e);
        }
        if (bytes.length <= TRAILER) {
            throw new CorruptSledFileException(file, 0, "snapshot is only " + bytes.length + " bytes long");
        }
        int bodyLength = bytes.length - TRAILER;
        ByteCursor trailer = new ByteCursor(bytes, bodyLength, bytes.length);
        long uncompressedLength = trailer.i64();
        long storedCrc = trailer.u32();
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bodyLength);
        if (crc.getValue() != storedCrc) {
            throw new CorruptSledFileException(file, bytes.length - 4, "snapshot CRC mismatch");
        }
        byte[] body = new byte[bodyLength];
        System.arraycopy(bytes, 0, body, 0, bodyLength);
        try {
            if (compressed) {
                body = Zstd.decompressFrame(body, uncompressedLength);
            }
            return parse(body);
        } catch (MalformedPayloadException e) {
            throw new CorruptSledFileException(file, compressed ? 0 : e.position(), e.getMessage(), e);
        }
    }

    private static Snapshot parse(byte[] body) {
        ByteCursor cursor = new ByteCursor(body);
        long shiftedStableLsn = cursor.i64();
        Long stableLsn = shiftedStableLsn == 0 ? null : shiftedStableLsn < 0 ? shiftedStableLsn : shiftedStableLsn - 1;
        cursor.varint();
        int entriesAt = cursor.position();
        // Counted first, so that the table is allocated once at its final size: a snapshot costs 12 bytes a page and
        // 20 a fragment, where its body takes at least 11 and 12, and nothing else is allocated per entry.
        Count count = entries(new ByteCursor(body, entriesAt, body.length), null);
        PageTable table = new PageTable(count.pages(), count.fragments());
        entries(new ByteCursor(body, entriesAt, body.length), table);
        return new Snapshot(stableLsn, table);
    }

    private record Count(int pages, int fragments) {}

    /**
     * Reads the entries, one per pid from 0: tag 0 = Free(lsn i64, DiskPtr); tag k = k times {@code (lsn i64, DiskPtr,
     * on-disk size varint)}, a base and k-1 links. Adds them to {@code table} unless it is null.
     */
    private static Count entries(ByteCursor cursor, PageTable table) {
        int pages = 0;
        long fragments = 0;
        for (long pid = 0; cursor.hasRemaining(); pid++) {
            int tag = cursor.u8();
            if (tag == 0) {
                long lsn = cursor.i64();
                DiskPointer.skip(cursor);
                if (table != null) {
                    table.free(pid, lsn);
                }
            }
            for (int i = 0; i < tag; i++) {
                long lsn = cursor.i64();
                int pointerAt = cursor.position();
                int pointerTag = cursor.u8();
                long logOffset = cursor.varint();
                if (pointerTag > 1) {
                    throw new MalformedPayloadException("unknown disk pointer tag " + pointerTag, pointerAt);
                }
                long blobLsn = pointerTag == 1 ? cursor.i64() : 0;
                cursor.varint();
                if (table != null && i == 0) {
                    table.replace(pid, lsn, logOffset, pointerTag == 1, blobLsn);
                } else if (table != null) {
                    table.link(pid, lsn, logOffset, pointerTag == 1, blobLsn);
                }
            }
            pages++;
            fragments += tag;
        }
        // At least 11 bytes an entry and 12 a fragment, in a body of at most Zstd.MAX_OUTPUT bytes: both fit an int.
        return new Count(pages, (int) fragments);
    }
}
