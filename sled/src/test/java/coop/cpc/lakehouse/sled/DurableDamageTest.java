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

    @Test
    void refusesTornMessageBelowTheDurableLsn() {
        SyntheticDatabase.Segment first = db.segment(0, 0, -1);
        long link = writeTree(first, "1");
        first.seal();
        // The next segment's header says everything before it (LSN 1023) was durable.
        db.segment(1, SEGMENT_SIZE, SEGMENT_SIZE - 1).append(INLINE_LINK, 3, linkSet(ascii("c"), ascii("3")));
        db.flipBit(link + 12, 3);
        Path dir = db.writeTo(temp);

        assertThatThrownBy(() -> SledDatabase.open(dir))
                .isInstanceOf(CorruptSledFileException.class)
                .hasMessage(dir.resolve("db") + " at offset " + link + ": damaged message at LSN " + link
                        + ", which segment headers say was durable (up to LSN 1023)");
    }

    @Test
    void refusesDamagedMessageInASegmentThatStillHoldsLivePages() {
        SyntheticDatabase.Segment first = db.segment(0, 0, -1);
        long link = writeTree(first, "1");
        first.seal();
        db.segment(1, SEGMENT_SIZE, SEGMENT_SIZE - 1).seal();
        // Only segments from LSN 2048 on are the unstable tail; segment 0 is replayed in the last pass.
        db.segment(2, 2 * SEGMENT_SIZE, 2 * SEGMENT_SIZE - 1).append(INLINE_LINK, 3, linkSet(ascii("c"), ascii("3")));
        db.flipBit(link + 12, 3);
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
        SyntheticDatabase.Segment old = db.segment(0, 0, -1);
        long staleLink = writeTree(old, "old");
        old.seal();
        SyntheticDatabase.Segment current = db.segment(1, SEGMENT_SIZE, SEGMENT_SIZE - 1);
        writeTree(current, "1");
        current.seal();
        db.segment(2, 2 * SEGMENT_SIZE, 2 * SEGMENT_SIZE - 1).append(INLINE_LINK, 3, linkSet(ascii("c"), ascii("3")));
        db.flipBit(staleLink + 12, 3);

        assertThat(Dumps.lines(db.writeTo(temp)))
                .containsExactly(line("t", "a", "1"), line("t", "b", "2"), line("t", "c", "3"));
    }
}
