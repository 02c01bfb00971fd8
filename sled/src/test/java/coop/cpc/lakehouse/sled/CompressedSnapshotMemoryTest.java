package coop.cpc.lakehouse.sled;

import static coop.cpc.lakehouse.sled.AllocatedBytes.allocatedBy;
import static org.assertj.core.api.Assertions.assertThat;

import coop.cpc.lakehouse.sled.format.Zstd;
import io.airlift.compress.zstd.ZstdCompressor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A zstd snapshot of a few KB can describe millions of pages (an 11-byte entry repeated compresses to almost nothing).
 * The reader already bounds a snapshot's decompressed body; the page table it builds must stay in proportion to that
 * body, not cost 10 to 20 times its size as a table of boxed map entries and fragment lists did. Allocation is
 * counted on the test's thread, beyond what decompressing the same body allocates.
 */
class CompressedSnapshotMemoryTest {

    /** Entries in a crafted snapshot: an 11 or 12 MB body. */
    private static final int PAGES = 1_000_000;

    /** What opening may allocate beyond decompressing, per byte of the decompressed body. */
    private static final int BYTES_PER_BODY_BYTE = 3;

    /** Free(lsn, Inline(0)): 11 bytes, the smallest entry. */
    private static final byte[] FREE =
            SledEncoder.bytes().u8(0).i64(7).u8(0).varint(0).toBytes();

    /** One fragment (lsn, Inline(0), size 0): 12 bytes, the smallest entry of a present page. */
    private static final byte[] PRESENT =
            SledEncoder.bytes().u8(1).i64(7).u8(0).varint(0).varint(0).toBytes();

    @TempDir
    Path temp;

    @Test
    void aCompressedSnapshotOfAMillionFreePagesCostsAtMostThreeTimesItsDecompressedBody() throws IOException {
        assertOpeningCostsAtMostThreeBytesPerBodyByte(entries(FREE));
    }

    @Test
    void aCompressedSnapshotOfAMillionPresentPagesCostsAtMostThreeTimesItsDecompressedBody() throws IOException {
        assertOpeningCostsAtMostThreeBytesPerBodyByte(entries(PRESENT));
    }

    private void assertOpeningCostsAtMostThreeBytesPerBodyByte(byte[] body) throws IOException {
        byte[] frame = compress(body);
        Files.write(temp.resolve("conf"), SledEncoder.conf(SyntheticDatabase.SEGMENT_SIZE, true, "0.34"));
        Files.write(temp.resolve("db"), new byte[0]);
        CRC32 crc = new CRC32();
        crc.update(frame);
        Files.write(
                temp.resolve("snap.0000000000000000"),
                SledEncoder.bytes()
                        .raw(frame)
                        .i64(body.length)
                        .u32(crc.getValue())
                        .toBytes());
        assertThat(frame.length).isLessThan(body.length / 100);

        // Decompressing the body is the reader's bounded cost (Zstd.MAX_OUTPUT), measured apart: the page table's
        // cost is what opening allocates beyond it.
        long decompressing = allocatedBy(() -> Zstd.decompressFrame(frame, body.length));
        long opening = allocatedBy(() -> SledDatabase.open(temp).close());

        assertThat(opening - decompressing)
                .as(
                        "bytes allocated beyond decompression, opening a %d-byte snapshot that decompresses to %d",
                        frame.length, body.length)
                .isLessThan((long) BYTES_PER_BODY_BYTE * body.length);
    }

    /** No stable LSN, no active segment, then {@link #PAGES} times {@code entry}. */
    private static byte[] entries(byte[] entry) {
        byte[] head = SledEncoder.bytes().i64(0).varint(0).toBytes();
        byte[] body = new byte[head.length + PAGES * entry.length];
        System.arraycopy(head, 0, body, 0, head.length);
        for (int i = 0; i < PAGES; i++) {
            System.arraycopy(entry, 0, body, head.length + i * entry.length, entry.length);
        }
        return body;
    }

    private static byte[] compress(byte[] data) {
        ZstdCompressor compressor = new ZstdCompressor();
        byte[] out = new byte[compressor.maxCompressedLength(data.length)];
        int n = compressor.compress(data, 0, data.length, out, 0, out.length);
        return java.util.Arrays.copyOf(out, n);
    }
}
