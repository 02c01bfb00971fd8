package coop.cpc.lakehouse.sled;

import static coop.cpc.lakehouse.sled.Dumps.ascii;
import static coop.cpc.lakehouse.sled.SledEncoder.index;
import static coop.cpc.lakehouse.sled.SledEncoder.leaf;
import static coop.cpc.lakehouse.sled.SledEncoder.meta;
import static coop.cpc.lakehouse.sled.SyntheticDatabase.FREE;
import static coop.cpc.lakehouse.sled.SyntheticDatabase.INLINE_META;
import static coop.cpc.lakehouse.sled.SyntheticDatabase.INLINE_NODE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trees whose pages decode but do not form a sled tree end in errors, never in loops. Errors name
 * the payload of the referring page: its message offset plus an 8-byte header (crc 4, kind 1, and
 * one byte each for length, segment number and pid).
 */
@Timeout(10)
class DamagedTreeTest {

    private static final byte[] EMPTY = new byte[0];

    @TempDir
    Path temp;

    private final SyntheticDatabase db = new SyntheticDatabase();

    @Test
    void leafChainLinkingBackwardsIsAnError() {
        SyntheticDatabase.Segment segment = db.segment(0, 0, -1);
        segment.append(INLINE_META, 0, meta(Map.of(ascii("t"), 2L)));
        segment.append(INLINE_NODE, 2, index(EMPTY, EMPTY, List.of(EMPTY, ascii("m")), List.of(3L, 4L)));
        segment.append(INLINE_NODE, 3, leaf(EMPTY, ascii("m"), 0, 4, List.of(ascii("a")), List.of(ascii("1"))));
        long leaf4 =
                segment.append(INLINE_NODE, 4, leaf(ascii("m"), EMPTY, 0, 3, List.of(ascii("n")), List.of(ascii("2"))));
        Path dir = db.writeTo(temp);

        assertThatThrownBy(() -> Dumps.dump(dir))
                .isInstanceOf(CorruptSledFileException.class)
                .hasMessage(dir.resolve("db") + " at offset " + (leaf4 + 8)
                        + ": leaf 4 links back to leaf 3, which does not start after it");
    }

    @Test
    void leafChainThatSkipsALeafIsAnError() {
        SyntheticDatabase.Segment segment = db.segment(0, 0, -1);
        segment.append(INLINE_META, 0, meta(Map.of(ascii("t"), 2L)));
        segment.append(
                INLINE_NODE, 2, index(EMPTY, EMPTY, List.of(EMPTY, ascii("m"), ascii("t")), List.of(3L, 4L, 5L)));
        long leaf3 =
                segment.append(INLINE_NODE, 3, leaf(EMPTY, ascii("m"), 0, 5, List.of(ascii("a")), List.of(ascii("1"))));
        segment.append(INLINE_NODE, 4, leaf(ascii("m"), ascii("t"), 0, 5, List.of(ascii("n")), List.of(ascii("2"))));
        segment.append(INLINE_NODE, 5, leaf(ascii("t"), EMPTY, 0, 0, List.of(ascii("u")), List.of(ascii("3"))));
        Path dir = db.writeTo(temp);

        assertThatThrownBy(() -> Dumps.dump(dir))
                .isInstanceOf(CorruptSledFileException.class)
                .hasMessage(
                        dir.resolve("db") + " at offset " + (leaf3 + 8)
                                + ": leaf 3 links to leaf 5, which starts after this leaf ends: the keys between them are lost");
    }

    @Test
    void leafWithoutUpperBoundThatLinksOnIsAnError() {
        SyntheticDatabase.Segment segment = db.segment(0, 0, -1);
        segment.append(INLINE_META, 0, meta(Map.of(ascii("t"), 2L)));
        segment.append(INLINE_NODE, 2, index(EMPTY, EMPTY, List.of(EMPTY, ascii("m")), List.of(3L, 4L)));
        long leaf3 = segment.append(INLINE_NODE, 3, leaf(EMPTY, EMPTY, 0, 4, List.of(ascii("a")), List.of(ascii("1"))));
        segment.append(INLINE_NODE, 4, leaf(ascii("m"), EMPTY, 0, 0, List.of(ascii("n")), List.of(ascii("2"))));
        Path dir = db.writeTo(temp);

        assertThatThrownBy(() -> Dumps.dump(dir))
                .isInstanceOf(CorruptSledFileException.class)
                .hasMessage(dir.resolve("db") + " at offset " + (leaf3 + 8)
                        + ": leaf 3 has no upper bound but links on to leaf 4");
    }

    @Test
    void keysOutOfOrderOrRepeatedInALeafAreAnError() {
        for (List<byte[]> keys : List.of(List.of(ascii("b"), ascii("a")), List.of(ascii("a"), ascii("a")))) {
            SyntheticDatabase damaged = new SyntheticDatabase();
            SyntheticDatabase.Segment segment = damaged.segment(0, 0, -1);
            segment.append(INLINE_META, 0, meta(Map.of(ascii("t"), 2L)));
            segment.append(INLINE_NODE, 2, leaf(EMPTY, EMPTY, 0, 0, keys, List.of(ascii("1"), ascii("2"))));
            Path dir = damaged.writeTo(temp.resolve(keys.get(0)[0] + "-" + keys.get(1)[0]));

            assertThatThrownBy(() -> Dumps.dump(dir))
                    .isInstanceOf(CorruptSledFileException.class)
                    .hasMessageContaining("key 1 does not sort after key 0: a node's keys must be strictly increasing");
        }
    }

    @Test
    void indexPageThatContainsItselfIsAnError() {
        SyntheticDatabase.Segment segment = db.segment(0, 0, -1);
        segment.append(INLINE_META, 0, meta(Map.of(ascii("t"), 2L)));
        segment.append(INLINE_NODE, 2, index(EMPTY, EMPTY, List.of(EMPTY), List.of(2L)));
        Path dir = db.writeTo(temp);

        assertThatThrownBy(() -> Dumps.dump(dir))
                .isInstanceOf(CorruptSledFileException.class)
                .hasMessageEndingWith("index pages nest deeper than 128 levels: the tree loops");
    }

    @Test
    void referenceToAFreedPageIsAnError() {
        SyntheticDatabase.Segment segment = db.segment(0, 0, -1);
        long meta = segment.append(INLINE_META, 0, meta(Map.of(ascii("t"), 2L)));
        segment.append(INLINE_NODE, 2, leaf(EMPTY, EMPTY, 0, 0, List.of(ascii("a")), List.of(ascii("1"))));
        segment.append(FREE, 2, EMPTY);
        Path dir = db.writeTo(temp);

        assertThatThrownBy(() -> Dumps.dump(dir))
                .isInstanceOf(CorruptSledFileException.class)
                .hasMessage(dir.resolve("db") + " at offset " + (meta + 8)
                        + ": refers to page 2, which is free or was never written");
    }

    @Test
    void rootThatIsALeafIsRead() {
        SyntheticDatabase.Segment segment = db.segment(0, 0, -1);
        segment.append(INLINE_META, 0, meta(Map.of(ascii("t"), 2L)));
        segment.append(INLINE_NODE, 2, leaf(EMPTY, EMPTY, 0, 0, List.of(ascii("a")), List.of(ascii("1"))));

        assertThat(Dumps.lines(db.writeTo(temp))).containsExactly(Dumps.line("t", "a", "1"));
    }
}
