package coop.cpc.lakehouse.sled;

import static coop.cpc.lakehouse.sled.Dumps.ascii;
import static coop.cpc.lakehouse.sled.SledEncoder.index;
import static coop.cpc.lakehouse.sled.SledEncoder.leaf;
import static coop.cpc.lakehouse.sled.SledEncoder.linkSet;
import static coop.cpc.lakehouse.sled.SledEncoder.meta;
import static coop.cpc.lakehouse.sled.SyntheticDatabase.INLINE_LINK;
import static coop.cpc.lakehouse.sled.SyntheticDatabase.INLINE_META;
import static coop.cpc.lakehouse.sled.SyntheticDatabase.INLINE_NODE;
import static coop.cpc.lakehouse.sled.SyntheticDatabase.SEGMENT_SIZE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A page is its base and every link written since, which sled consolidates after a few; a crafted log may hold
 * hundreds of thousands of links to one leaf. Applying them must cost about their number, not their number times the
 * leaf's size (each key set in front of all the others).
 */
class ManyLinksOnOnePageTest {

    private static final int LINKS = 400_000;

    /** Links that fit one 1 KiB segment with room for its Cap (each is about 20 bytes). */
    private static final int LINKS_PER_SEGMENT = 45;

    private static final byte[] EMPTY = new byte[0];

    @TempDir
    Path temp;

    @Test
    void aLeafWithHundredsOfThousandsOfLinksIsReadInTimeLinearInThem() {
        SyntheticDatabase db = new SyntheticDatabase();
        int lastSlot = LINKS / LINKS_PER_SEGMENT + 2;
        // The last segment first, so that the log's array is allocated once.
        db.segment(lastSlot, (long) lastSlot * SEGMENT_SIZE, -1).seal();
        SyntheticDatabase.Segment first = db.segment(0, 0, -1);
        first.append(INLINE_META, 0, meta(Map.of(ascii("t"), 2L)));
        first.append(INLINE_NODE, 2, index(EMPTY, EMPTY, List.of(EMPTY), List.of(3L)));
        first.append(INLINE_NODE, 3, leaf(EMPTY, EMPTY, 0, 0, List.of(), List.of()));
        first.seal();
        int written = 0;
        for (int slot = 1; slot < lastSlot; slot++) {
            SyntheticDatabase.Segment segment = db.segment(slot, (long) slot * SEGMENT_SIZE, -1);
            for (int i = 0; i < LINKS_PER_SEGMENT && written < LINKS; i++, written++) {
                // Descending keys: each set goes in front of every key set before it.
                segment.append(INLINE_LINK, 3, linkSet(key(LINKS - written), ascii("v")));
            }
            segment.seal();
        }
        assertThat(written).isEqualTo(LINKS);
        Path dir = db.writeTo(temp);

        List<SledPair> pairs = assertTimeoutPreemptively(Duration.ofSeconds(15), () -> {
            try (SledDatabase opened = SledDatabase.open(dir)) {
                SledTree tree = opened.trees().get(0);
                List<SledPair> all = new ArrayList<>();
                tree.forEach(all::add);
                return all;
            }
        });
        assertThat(pairs).hasSize(LINKS);
        assertThat(pairs.get(0).key()).isEqualTo(key(1));
        assertThat(pairs.get(LINKS - 1).key()).isEqualTo(key(LINKS));
    }

    private static byte[] key(int n) {
        return ByteBuffer.allocate(4).putInt(n).array();
    }
}
