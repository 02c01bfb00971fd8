package coop.cpc.lakehouse.sled;

import static coop.cpc.lakehouse.sled.Dumps.ascii;
import static coop.cpc.lakehouse.sled.Dumps.line;
import static coop.cpc.lakehouse.sled.SledEncoder.index;
import static coop.cpc.lakehouse.sled.SledEncoder.leaf;
import static coop.cpc.lakehouse.sled.SledEncoder.linkDel;
import static coop.cpc.lakehouse.sled.SledEncoder.linkSet;
import static coop.cpc.lakehouse.sled.SledEncoder.meta;
import static coop.cpc.lakehouse.sled.SyntheticDatabase.INLINE_LINK;
import static coop.cpc.lakehouse.sled.SyntheticDatabase.INLINE_META;
import static coop.cpc.lakehouse.sled.SyntheticDatabase.INLINE_NODE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code snap.*} page table is the starting point: messages below its stable LSN are not
 * replayed, messages above it are. The log here holds a link (x) that the snapshot left out, so
 * it only shows up if the snapshot is ignored.
 */
class SnapshotRecoveryTest {

    private static final byte[] EMPTY = new byte[0];

    @TempDir
    Path temp;

    private final SyntheticDatabase db = new SyntheticDatabase();
    private long metaAt;
    private long indexAt;
    private long leafAt;
    private long setBAt;
    private long delAAt;
    private long stableLsn;

    @BeforeEach
    void writeLog() {
        // Slot 0 holds LSN 0, so a message's LSN equals its file offset.
        SyntheticDatabase.Segment segment = db.segment(0, 0, -1);
        metaAt = segment.append(INLINE_META, 0, meta(Map.of(ascii("t"), 2L)));
        indexAt = segment.append(INLINE_NODE, 2, index(EMPTY, EMPTY, List.of(EMPTY), List.of(3L)));
        leafAt = segment.append(
                INLINE_NODE,
                3,
                leaf(EMPTY, EMPTY, 0, 0, List.of(ascii("a"), ascii("c")), List.of(ascii("1"), ascii("3"))));
        setBAt = segment.append(INLINE_LINK, 3, linkSet(ascii("b"), ascii("2")));
        delAAt = segment.append(INLINE_LINK, 3, linkDel(ascii("a")));
        segment.append(INLINE_LINK, 3, linkSet(ascii("x"), ascii("not in snapshot")));
        stableLsn = segment.nextLsn();
        segment.append(INLINE_LINK, 3, linkSet(ascii("d"), ascii("4")));
    }

    @Test
    void startsFromSnapshotAndReplaysOnlyTheLogAboveIt() throws IOException {
        Path dir = db.writeTo(temp);
        writeSnapshot(dir, "snap." + String.format("%016X", stableLsn));

        assertThat(Dumps.lines(dir)).containsExactly(line("t", "b", "2"), line("t", "c", "3"), line("t", "d", "4"));
    }

    @Test
    void ignoresUnfinishedSnapshot() throws IOException {
        Path dir = db.writeTo(temp);
        writeSnapshot(dir, "snap." + String.format("%016X", stableLsn) + ".generating");

        assertThat(Dumps.lines(dir))
                .containsExactly(
                        line("t", "b", "2"),
                        line("t", "c", "3"),
                        line("t", "d", "4"),
                        line("t", "x", "not in snapshot"));
    }

    @Test
    void rejectsSnapshotWithBadCrc() throws IOException {
        Path dir = db.writeTo(temp);
        Path snapshot = writeSnapshot(dir, "snap." + String.format("%016X", stableLsn));
        byte[] bytes = Files.readAllBytes(snapshot);
        bytes[3] ^= 0x10;
        Files.write(snapshot, bytes);

        assertThatThrownBy(() -> SledDatabase.open(dir))
                .isInstanceOf(CorruptSledFileException.class)
                .hasMessage(snapshot + " at offset " + (bytes.length - 4) + ": snapshot CRC mismatch");
    }

    private Path writeSnapshot(Path dir, String name) throws IOException {
        SledEncoder body = SledEncoder.bytes()
                .i64(stableLsn + 1) // non-negative LSNs are stored +1, 0 meaning none
                .varint(0); // no active segment
        present(body, location(metaAt));
        body.u8(0).i64(0).u8(0).varint(0); // pid 1, the counter: free
        present(body, location(indexAt));
        present(body, location(leafAt), location(setBAt), location(delAAt));
        byte[] bytes = body.toBytes();
        CRC32 crc = new CRC32();
        crc.update(bytes);
        Path file = dir.resolve(name);
        Files.write(
                file,
                SledEncoder.bytes()
                        .raw(bytes)
                        .i64(bytes.length)
                        .u32(crc.getValue())
                        .toBytes());
        return file;
    }

    /** {@code (lsn, Inline(offset), size)} with LSN = offset in slot 0. */
    private static byte[] location(long at) {
        return SledEncoder.bytes().i64(at).u8(0).varint(at).varint(32).toBytes();
    }

    private static void present(SledEncoder body, byte[]... fragments) {
        body.u8(fragments.length);
        for (byte[] fragment : fragments) {
            body.raw(fragment);
        }
    }
}
