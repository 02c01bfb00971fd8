package coop.cpc.lakehouse.sled.log;

import coop.cpc.lakehouse.sled.CorruptSledFileException;
import coop.cpc.lakehouse.sled.format.DiskPointer;
import coop.cpc.lakehouse.sled.format.MalformedPayloadException;
import coop.cpc.lakehouse.sled.format.MessageKind;
import coop.cpc.lakehouse.sled.format.Zstd;
import java.nio.file.Path;

/** Reads page fragments at the locations recovery found, checking every CRC again on the way. */
public final class FragmentReader {

    private final LogFile log;
    private final MessageReader messages;
    private final BlobFiles blobs;
    private final int segmentSize;
    private final boolean compressed;

    public FragmentReader(LogFile log, BlobFiles blobs, int segmentSize, boolean compressed) {
        this.log = log;
        this.messages = new MessageReader(log.path(), segmentSize);
        this.blobs = blobs;
        this.segmentSize = segmentSize;
        this.compressed = compressed;
    }

    public StoredFragment read(long pid, PageLocation location) {
        if (location.pointer() instanceof DiskPointer.Blob blob) {
            BlobFiles.Content content = blobs.read(blob.blobLsn());
            if (!content.kind().isBlob()) {
                throw new CorruptSledFileException(
                        blobs.path(blob.blobLsn()), 4, "blob holds a " + content.kind() + " message");
            }
            return decoded(content.kind(), content.data(), blobs.path(blob.blobLsn()), 5);
        }
        long offset = location.pointer().logOffset();
        if (!messages.isValidMessageOffset(offset)) {
            throw new CorruptSledFileException(
                    log.path(), offset, "page " + pid + " points where no message can start");
        }
        LogRead read = messages.read(log, offset, location.lsn() / segmentSize);
        if (!(read instanceof LogRead.Inline inline)) {
            throw new CorruptSledFileException(
                    log.path(),
                    offset,
                    "page " + pid + " expected a message at LSN " + location.lsn() + " but found "
                            + read.getClass().getSimpleName());
        }
        if (inline.header().pid() != pid) {
            throw new CorruptSledFileException(
                    log.path(),
                    offset,
                    "message belongs to page " + inline.header().pid() + ", not " + pid);
        }
        return decoded(
                inline.header().kind(),
                inline.body(),
                log.path(),
                offset + inline.header().length());
    }

    private StoredFragment decoded(MessageKind kind, byte[] payload, Path file, long offset) {
        if (!compressed) {
            return new StoredFragment(kind, payload, file, offset);
        }
        try {
            return new StoredFragment(kind, Zstd.decompressPayload(payload), file, offset);
        } catch (MalformedPayloadException e) {
            throw new CorruptSledFileException(file, offset + e.position(), e.getMessage(), e);
        }
    }
}
