package coop.cpc.lakehouse.sled.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import coop.cpc.lakehouse.sled.SledEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Decoding nodes and applying links the way sled's {@code Node::apply} does. */
class NodeTest {

    private static byte[] b(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Leaf for keys in [user:10, user:20) sharing the 6-byte prefix "user:1". */
    private static Node userLeaf() {
        return Node.parse(SledEncoder.leaf(
                b("user:10"), b("user:20"), 6, 9, List.of(b("0"), b("2"), b("5")), List.of(b("a"), b("c"), b("f"))));
    }

    private static List<String> keys(Node node) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            keys.add(new String(node.key(i), StandardCharsets.US_ASCII) + "="
                    + new String(node.value(i), StandardCharsets.US_ASCII));
        }
        return keys;
    }

    @Test
    void restoresSharedPrefixOfLeafKeys() {
        Node leaf = userLeaf();

        assertThat(leaf.isLeaf()).isTrue();
        assertThat(leaf.next()).isEqualTo(9);
        assertThat(keys(leaf)).containsExactly("user:10=a", "user:12=c", "user:15=f");
    }

    @Test
    void insertsSetLinkInKeyOrderAndReplacesExistingValue() {
        Node leaf = userLeaf();

        leaf.apply(Link.parse(SledEncoder.linkSet(b("3"), b("d"))));
        leaf.apply(Link.parse(SledEncoder.linkSet(b("0"), b("A"))));
        leaf.apply(Link.parse(SledEncoder.linkSet(b("9"), b("z"))));

        assertThat(keys(leaf)).containsExactly("user:10=A", "user:12=c", "user:13=d", "user:15=f", "user:19=z");
    }

    @Test
    void deletesKeyAndIgnoresDeleteOfAbsentKey() {
        Node leaf = userLeaf();

        leaf.apply(Link.parse(SledEncoder.linkDel(b("2"))));
        leaf.apply(Link.parse(SledEncoder.linkDel(b("7"))));

        assertThat(keys(leaf)).containsExactly("user:10=a", "user:15=f");
    }

    @Test
    void confirmedMergeRemovesTheChildFromItsParent() {
        Node index = Node.parse(
                SledEncoder.index(new byte[0], new byte[0], List.of(new byte[0], b("m"), b("t")), List.of(4L, 5L, 6L)));

        index.apply(Link.parse(SledEncoder.bytes().u8(2).varint(5).toBytes()));
        assertThat(index.mergingChild()).isEqualTo(5);
        index.apply(Link.parse(new byte[] {3}));

        assertThat(index.size()).isEqualTo(2);
        assertThat(index.child(0)).isEqualTo(4);
        assertThat(index.child(1)).isEqualTo(6);
        assertThat(index.mergingChild()).isZero();
    }

    @Test
    void aMergeRemovesTheFirstOfTwoEntriesForTheSameChildAndMergesGoOnAfterARead() {
        Node index = Node.parse(SledEncoder.index(
                new byte[0], new byte[0], List.of(new byte[0], b("f"), b("m"), b("t")), List.of(4L, 5L, 4L, 6L)));

        index.apply(new Link.ParentMergeIntention(4));
        index.apply(new Link.ParentMergeConfirm());
        assertThat(index.size()).isEqualTo(3);
        assertThat(List.of(index.child(0), index.child(1), index.child(2))).containsExactly(5L, 4L, 6L);
        assertThat(new String(index.key(1), StandardCharsets.US_ASCII)).isEqualTo("m");
        index.apply(new Link.ParentMergeIntention(4));
        index.apply(new Link.ParentMergeConfirm());
        index.apply(new Link.ParentMergeIntention(4));

        assertThatThrownBy(() -> index.apply(new Link.ParentMergeConfirm()))
                .isInstanceOf(InconsistentPageException.class)
                .hasMessage("merged child 4 is not a child of this node");
        assertThat(List.of(index.child(0), index.child(1))).containsExactly(5L, 6L);
    }

    @Test
    void manyMergesIntoOneIndexNodeCostAboutTheirNumber() {
        // A crafted log may hold any number of merge links for one page; each found its child by a scan of the list.
        int children = 200_000;
        List<byte[]> keys = new ArrayList<>();
        List<Long> pids = new ArrayList<>();
        for (int i = 0; i < children; i++) {
            keys.add(ByteBuffer.allocate(4).putInt(i).array());
            pids.add(i + 1L);
        }
        Node index = Node.parse(SledEncoder.index(new byte[0], new byte[0], keys, pids));

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            for (long pid = children; pid > 1; pid--) {
                index.apply(new Link.ParentMergeIntention(pid));
                index.apply(new Link.ParentMergeConfirm());
            }
        });
        assertThat(index.size()).isEqualTo(1);
        assertThat(index.child(0)).isEqualTo(1);
    }

    @Test
    void mergesRemoveEachChildInListOrderAlsoAtEitherEndAndAfterAReadInBetween() {
        Node index = Node.parse(SledEncoder.index(
                new byte[0],
                new byte[0],
                List.of(new byte[0], b("c"), b("f"), b("m"), b("t")),
                List.of(9L, 3L, 9L, 7L, 9L)));

        merge(index, 9);
        merge(index, 9);
        assertThat(List.of(index.child(0), index.child(1), index.child(2))).containsExactly(3L, 7L, 9L);
        assertThat(new String(index.key(2), StandardCharsets.US_ASCII)).isEqualTo("t");
        merge(index, 9);
        merge(index, 3);
        assertThat(index.size()).isEqualTo(1);
        assertThat(index.child(0)).isEqualTo(7L);
        index.apply(new Link.ParentMergeIntention(9));
        assertThatThrownBy(() -> index.apply(new Link.ParentMergeConfirm()))
                .isInstanceOf(InconsistentPageException.class)
                .hasMessage("merged child 9 is not a child of this node");
    }

    @Test
    void mergesIntoAnIndexNodeOfPidsCraftedToShareOneHashSlotCostAboutTheirNumber() {
        // Pids whose MurmurHash3 finaliser has 32 low zero bits would all probe from slot 0 of an unseeded table.
        int children = 200_000;
        List<Long> pids = LongStream.rangeClosed(1, children)
                .mapToObj(n -> unmix(n << 32))
                .toList();
        Node index = indexNodeOf(pids);

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            for (int i = children - 1; i > 0; i--) {
                merge(index, pids.get(i));
            }
        });
        assertThat(index.size()).isEqualTo(1);
        assertThat(index.child(0)).isEqualTo(pids.get(0));
    }

    /** An index node of the given child pids, the i-th under the 4-byte key i. */
    static Node indexNodeOf(List<Long> pids) {
        List<byte[]> keys = IntStream.range(0, pids.size())
                .mapToObj(i -> ByteBuffer.allocate(4).putInt(i).array())
                .toList();
        return Node.parse(SledEncoder.index(new byte[0], new byte[0], keys, pids));
    }

    private static void merge(Node index, long pid) {
        index.apply(new Link.ParentMergeIntention(pid));
        index.apply(new Link.ParentMergeConfirm());
    }

    /** The inverse of MurmurHash3's 64-bit finaliser. */
    private static long unmix(long hash) {
        long h = hash;
        h ^= h >>> 33;
        h *= inverse(0xc4ceb9fe1a85ec53L);
        h ^= h >>> 33;
        h *= inverse(0xff51afd7ed558ccdL);
        h ^= h >>> 33;
        return h;
    }

    /** The inverse of an odd number modulo 2^64 (Newton's iteration doubles the correct low bits each step). */
    private static long inverse(long odd) {
        long x = odd;
        for (int i = 0; i < 5; i++) {
            x *= 2 - odd * x;
        }
        return x;
    }

    @Test
    void rejectsKeyUpdateOnIndexNode() {
        Node index = Node.parse(SledEncoder.index(new byte[0], new byte[0], List.of(new byte[0]), List.of(4L)));

        assertThatThrownBy(() -> index.apply(Link.parse(SledEncoder.linkSet(b("k"), b("v")))))
                .isInstanceOf(InconsistentPageException.class)
                .hasMessage("key set applied to an index node");
    }

    @Test
    void rejectsLinkAfterChildMergeCap() {
        Node leaf = userLeaf();
        leaf.apply(Link.parse(new byte[] {4}));

        assertThat(leaf.isMerging()).isTrue();
        assertThatThrownBy(() -> leaf.apply(Link.parse(SledEncoder.linkDel(b("0")))))
                .isInstanceOf(InconsistentPageException.class);
    }

    @Test
    void rejectsPrefixLongerThanLoKey() {
        byte[] payload = SledEncoder.leaf(b("ab"), new byte[0], 3, 0, List.of(), List.of());

        assertThatThrownBy(() -> Node.parse(payload))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessage("prefix length 3 exceeds lo key of 2 bytes (payload byte 4)");
    }

    @Test
    void rejectsEntryCountThatCannotFit() {
        byte[] payload = SledEncoder.bytes()
                .varint(0)
                .varint(0)
                .u8(0)
                .u8(0)
                .ivec(new byte[0])
                .ivec(new byte[0])
                .u8(0)
                .varint(1_000_000)
                .toBytes();

        assertThatThrownBy(() -> Node.parse(payload))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessage("entry count 1000000 cannot fit in 0 bytes (payload byte 7)");
    }

    @Test
    void coversOnlyKeysBetweenLoAndHi() {
        Node leaf = userLeaf();

        assertThat(leaf.covers(b("user:10"))).isTrue();
        assertThat(leaf.covers(b("user:1"))).isFalse();
        assertThat(leaf.covers(b("user:20"))).isFalse();
    }
}
