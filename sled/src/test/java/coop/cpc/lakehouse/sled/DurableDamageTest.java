package coop.cpc.lakehouse.sled;

import static coop.cpc.lakehouse.sled.Dumps.ascii;
import static coop.cpc.lakehouse.sled.Dumps.line;
import static coop.cpc.lakehouse.sled.SledEncoder.index;
import static coop.cpc.lakehouse.sled.SledEncoder.leaf;
import static coop.cpc.lakehouse.sled.SledEncoder.linkSet;
import static coop.cpc.lakehouse.sled.SledEncoder.meta;
import static coop.cpc.lakehouse.sled.SyntheticDatabase.INLINE_LINK;
import static coop.cpc.lakehouse.sled.SyntheticDatabase.INLINE_META;
import static coop.cpc.lakehouse.sled.SyntheticDatabase.INLINE_NODE;
import static coop.cpc.lakehouse.sled.SyntheticDatabase.SEGMENT_SIZE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where sled 0.34 would silently roll back, the reader refuses: damage to bytes that segment
 * headers declare durable cannot be a torn write. Damage sled legitimately skips (the stale rest of
 * a freed segment) is still skipped.
 */
class DurableDamageTest {

    private static final byte[] EMPTY = new byte[0];

    @TempDir
    Path temp;

    private final SyntheticDatabase db = new SyntheticDatabase();

    /** Tree "t": Meta, root index page 2, leaf page 3 holding a=1; then b=2 as a link. Returns the link's offset. */
    private long writeTree(SyntheticDatabase.Segment segment, String value) {
        segment.append(INLINE_META, 0, meta(Map.of(ascii("t"), 2L)));
        segment.append(INLINE_NODE, 2, index(EMPTY, EMPTY, List.of(EMPTY), List.of(3L)));
        segment.append(INLINE_NODE, 3, leaf(EMPTY, EMPTY, 0, 0, List.of(ascii("a")), List.of(ascii(value))));
        return segment.append(INLINE_LINK, 3, linkSet(ascii("b"), ascii("2")));
    }

    /** {@link #writeTree} into a segment that is then sealed. Returns the link's offset. */
    private long sealedTree(SyntheticDatabase.Segment segment, String value) {
        long link = writeTree(segment, value);
        segment.seal();
        return link;
    }

    /** Segment {@code index}, the last, adding c=3; its header says every LSN before it was durable. */
    private void lastSegmentAddingC(int index) {
        long start = (long) index * SEGMENT_SIZE;
        db.segment(index, start, start - 1).append(INLINE_LINK, 3, linkSet(ascii("c"), ascii("3")));
    }

    /** Damages the message of the link at that offset: flips bit 3 of its byte 12. */
    private void damage(long link) {
        db.flipBit(link + 12, 3);
    }

    @Test
    void refusesTornMessageBelowTheDurableLsn() {
        long link = sealedTree(db.segment(0, 0, -1), "1");
        // The next segment's header says everything before it (LSN 1023) was durable.
        lastSegmentAddingC(1);
        damage(link);
        Path dir = db.writeTo(temp);

        assertThatThrownBy(() -> SledDatabase.open(dir))
                .isInstanceOf(CorruptSledFileException.class)
                .hasMessage(dir.resolve("db") + " at offset " + link + ": damaged message at LSN " + link
                        + ", which segment headers say was durable (up to LSN 1023)");
    }

    @Test
    void refusesDamagedMessageInASegmentThatStillHoldsLivePages() {
        long link = sealedTree(db.segment(0, 0, -1), "1");
        db.segment(1, SEGMENT_SIZE, SEGMENT_SIZE - 1).seal();
        // Only segments from LSN 2048 on are the unstable tail; segment 0 is replayed in the last pass.
        lastSegmentAddingC(2);
        damage(link);
        Path dir = db.writeTo(temp);

        assertThatThrownBy(() -> SledDatabase.open(dir))
                .isInstanceOf(CorruptSledFileException.class)
                .hasMessage(dir.resolve("db") + " at offset " + link
                        + ": damaged message in a segment that holds live pages");
    }

    @Test
    void skipsDamageInAFreedSegmentLikeSled() {
        // Segment 0 holds an old version of every page; segment 1 rewrote them all, so segment 0
        // was free and sled may have started overwriting it.
        long staleLink = sealedTree(db.segment(0, 0, -1), "old");
        sealedTree(db.segment(1, SEGMENT_SIZE, SEGMENT_SIZE - 1), "1");
        lastSegmentAddingC(2);
        damage(staleLink);

        assertThat(Dumps.lines(db.writeTo(temp)))
                .containsExactly(line("t", "a", "1"), line("t", "b", "2"), line("t", "c", "3"));
    }
}
