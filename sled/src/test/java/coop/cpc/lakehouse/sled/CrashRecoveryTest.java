package coop.cpc.lakehouse.sled;

import static coop.cpc.lakehouse.sled.Dumps.ascii;
import static coop.cpc.lakehouse.sled.Dumps.line;
import static coop.cpc.lakehouse.sled.SledEncoder.index;
import static coop.cpc.lakehouse.sled.SledEncoder.leaf;
import static coop.cpc.lakehouse.sled.SledEncoder.linkDel;
import static coop.cpc.lakehouse.sled.SledEncoder.linkSet;
import static coop.cpc.lakehouse.sled.SledEncoder.meta;
import static coop.cpc.lakehouse.sled.SyntheticDatabase.BATCH_MANIFEST;
import static coop.cpc.lakehouse.sled.SyntheticDatabase.CANCELED;
import static coop.cpc.lakehouse.sled.SyntheticDatabase.INLINE_LINK;
import static coop.cpc.lakehouse.sled.SyntheticDatabase.INLINE_META;
import static coop.cpc.lakehouse.sled.SyntheticDatabase.INLINE_NODE;
import static coop.cpc.lakehouse.sled.SyntheticDatabase.SEGMENT_SIZE;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recovery of logs that were not closed cleanly, on databases written byte by byte. Tree "t" has
 * root index page 2 and one leaf, page 3, holding a=1 and c=3; links then set b=2 and delete a.
 */
class CrashRecoveryTest {

    private static final byte[] EMPTY = new byte[0];
    private static final long MANIFEST_PID = Long.MAX_VALUE;

    @TempDir
    Path temp;

    private final SyntheticDatabase db = new SyntheticDatabase();

    private SyntheticDatabase.Segment baseTree(int slot, long lsn) {
        SyntheticDatabase.Segment segment = db.segment(slot, lsn, -1);
        segment.append(INLINE_META, 0, meta(Map.of(ascii("t"), 2L)));
        segment.append(INLINE_NODE, 2, index(EMPTY, EMPTY, List.of(EMPTY), List.of(3L)));
        segment.append(
                INLINE_NODE,
                3,
                leaf(EMPTY, EMPTY, 0, 0, List.of(ascii("a"), ascii("c")), List.of(ascii("1"), ascii("3"))));
        segment.append(INLINE_LINK, 3, linkSet(ascii("b"), ascii("2")));
        segment.append(INLINE_LINK, 3, linkDel(ascii("a")));
        return segment;
    }

    @Test
    void appliesLinksToTheirBaseInLogOrder() {
        baseTree(0, 0);

        assertThat(Dumps.lines(db.writeTo(temp))).containsExactly(line("t", "b", "2"), line("t", "c", "3"));
    }

    @Test
    void dropsTornTailAndEverythingAfterIt() {
        SyntheticDatabase.Segment segment = baseTree(0, 0);
        long torn = segment.append(INLINE_LINK, 3, linkSet(ascii("d"), ascii("4")));
        segment.append(INLINE_LINK, 3, linkSet(ascii("e"), ascii("5")));
        db.flipBit(torn + 9, 0);

        assertThat(Dumps.lines(db.writeTo(temp))).containsExactly(line("t", "b", "2"), line("t", "c", "3"));
    }

    @Test
    void dropsMessageCutByTheEndOfTheFile() {
        SyntheticDatabase.Segment segment = baseTree(0, 0);
        long cut = segment.append(INLINE_LINK, 3, linkSet(ascii("d"), ascii("4")));

        assertThat(Dumps.lines(db.writeTo(temp, (int) cut + 6)))
                .containsExactly(line("t", "b", "2"), line("t", "c", "3"));
    }

    @Test
    void dropsHalfWrittenBatchWhole() {
        SyntheticDatabase.Segment segment = baseTree(0, 0);
        byte[] setD = linkSet(ascii("d"), ascii("4"));
        byte[] setE = linkSet(ascii("e"), ascii("5"));
        byte[] manifestBody = SledEncoder.bytes().i64(0).toBytes();
        // The manifest records the last LSN of the batch: the last byte of its last message.
        long manifestEnd =
                segment.nextLsn() + SledEncoder.message(BATCH_MANIFEST, 0, MANIFEST_PID, manifestBody).length;
        long setDEnd = manifestEnd + SledEncoder.message(INLINE_LINK, 0, 3, setD).length;
        long batchLastLsn = setDEnd + SledEncoder.message(INLINE_LINK, 0, 3, setE).length - 1;
        segment.append(
                BATCH_MANIFEST,
                MANIFEST_PID,
                SledEncoder.bytes().i64(batchLastLsn).toBytes());
        segment.append(INLINE_LINK, 3, setD);
        // e, the batch's last write, never reached the disk.

        assertThat(Dumps.lines(db.writeTo(temp))).containsExactly(line("t", "b", "2"), line("t", "c", "3"));

        segment.append(INLINE_LINK, 3, setE);
        assertThat(Dumps.lines(db.writeTo(temp.resolve("complete"))))
                .containsExactly(line("t", "b", "2"), line("t", "c", "3"), line("t", "d", "4"), line("t", "e", "5"));
    }

    @Test
    void skipsCanceledMessages() {
        SyntheticDatabase.Segment segment = baseTree(0, 0);
        segment.append(CANCELED, 3, linkSet(ascii("d"), ascii("4")));
        segment.append(INLINE_LINK, 3, linkSet(ascii("e"), ascii("5")));

        assertThat(Dumps.lines(db.writeTo(temp)))
                .containsExactly(line("t", "b", "2"), line("t", "c", "3"), line("t", "e", "5"));
    }

    @Test
    void ignoresStaleBytesOfARecycledSegment() {
        // Slot 0 holds LSN 0; slot 1 was recycled for LSN 2048 (segment 2) but still ends in bytes
        // its previous life (segment 1) wrote there.
        baseTree(0, 0).seal();
        db.segment(2, SEGMENT_SIZE, -1).seal();
        SyntheticDatabase.Segment recycled = db.segment(1, 2 * SEGMENT_SIZE, -1);
        recycled.append(INLINE_LINK, 3, linkSet(ascii("f"), ascii("6")));
        recycled.appendStamped(INLINE_LINK, 1, 3, linkSet(ascii("g"), ascii("stale")));

        assertThat(Dumps.lines(db.writeTo(temp)))
                .containsExactly(line("t", "b", "2"), line("t", "c", "3"), line("t", "f", "6"));
    }

    @Test
    void readsSegmentsInLsnOrderNotFileOrder() {
        SyntheticDatabase.Segment later = db.segment(0, SEGMENT_SIZE, -1);
        later.append(INLINE_LINK, 3, linkSet(ascii("c"), ascii("33")));
        baseTree(1, 0).seal();

        assertThat(Dumps.lines(db.writeTo(temp))).containsExactly(line("t", "b", "2"), line("t", "c", "33"));
    }

    @Test
    void stopsAtAGapInTheUnstableTail() {
        baseTree(0, 0).seal();
        // LSN 1024 is missing, so the segment at LSN 2048 is past the recovered end.
        db.segment(1, 2 * SEGMENT_SIZE, -1).append(INLINE_LINK, 3, linkSet(ascii("z"), ascii("26")));

        assertThat(Dumps.lines(db.writeTo(temp))).containsExactly(line("t", "b", "2"), line("t", "c", "3"));
    }
}
