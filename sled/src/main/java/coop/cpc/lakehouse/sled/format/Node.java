package coop.cpc.lakehouse.sled.format;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * A B-link tree node: a leaf (keys and values) or an index (keys and child pids). Keys are stored
 * without the first {@code prefixLen} bytes of {@code lo}, which all keys of the node share.
 *
 * <p>Wire format: {@code next} varint (0 = none) | {@code merging_child} varint | {@code merging} u8 |
 * {@code prefix_len} u8 | {@code lo} IVec | {@code hi} IVec | tag u8 (0 leaf, 1 index) | n varint |
 * n keys (IVec) | n values (IVec) or n child pids (varint).
 */
public final class Node {

    private final long next;
    private long mergingChild;
    private boolean merging;
    private final int prefixLen;
    private final byte[] lo;
    private final byte[] hi;
    private final boolean leaf;
    private final List<byte[]> keys;
    private final List<byte[]> values;
    private final List<Long> children;
    /**
     * A leaf's pairs while links set and delete keys, ordered as sled orders them; {@code keys} and {@code values}
     * are rebuilt from it when next read. A list insert moves every later key, so a page of many links (a crafted log
     * may hold hundreds of thousands for one leaf) would cost links x keys.
     */
    private TreeMap<byte[], byte[]> edited;
    /**
     * An index node's children, by pid, at the positions not yet merged away; the lists drop the merged ones when
     * next read. Finding and removing each merged child in the list would cost links x children.
     */
    private ChildPositions childPositions;

    private Node(
            long next,
            long mergingChild,
            boolean merging,
            int prefixLen,
            byte[] lo,
            byte[] hi,
            boolean leaf,
            List<byte[]> keys,
            List<byte[]> values,
            List<Long> children) {
        this.next = next;
        this.mergingChild = mergingChild;
        this.merging = merging;
        this.prefixLen = prefixLen;
        this.lo = lo;
        this.hi = hi;
        this.leaf = leaf;
        this.keys = keys;
        this.values = values;
        this.children = children;
    }

    public static Node parse(byte[] payload) {
        ByteCursor cursor = new ByteCursor(payload);
        long next = cursor.varint();
        long mergingChild = cursor.varint();
        boolean merging = cursor.u8() != 0;
        int prefixLen = cursor.u8();
        int loStart = cursor.position();
        byte[] lo = cursor.ivec();
        if (prefixLen > lo.length) {
            throw new MalformedPayloadException(
                    "prefix length " + prefixLen + " exceeds lo key of " + lo.length + " bytes", loStart);
        }
        byte[] hi = cursor.ivec();
        int tagAt = cursor.position();
        int tag = cursor.u8();
        if (tag > 1) {
            throw new MalformedPayloadException("unknown node data tag " + tag, tagAt);
        }
        int countAt = cursor.position();
        int count = cursor.varintAsInt("entry count");
        // Every entry takes at least two bytes, so a larger count is damage, not a big node.
        if (count > cursor.remaining() / 2) {
            throw new MalformedPayloadException(
                    "entry count " + count + " cannot fit in " + cursor.remaining() + " bytes", countAt);
        }
        List<byte[]> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int keyAt = cursor.position();
            byte[] key = cursor.ivec();
            // Readers binary-search and walk the keys in order: a node that breaks it would hide pairs silently.
            if (i > 0 && Arrays.compareUnsigned(key, keys.get(i - 1)) <= 0) {
                throw new MalformedPayloadException(
                        "key " + i + " does not sort after key " + (i - 1)
                                + ": a node's keys must be strictly increasing",
                        keyAt);
            }
            keys.add(key);
        }
        if (tag == 0) {
            List<byte[]> values = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                values.add(cursor.ivec());
            }
            return new Node(next, mergingChild, merging, prefixLen, lo, hi, true, keys, values, List.of());
        }
        List<Long> children = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            children.add(cursor.varint());
        }
        return new Node(next, mergingChild, merging, prefixLen, lo, hi, false, keys, List.of(), children);
    }

    /** Applies a delta the way sled's {@code Node::apply} does. */
    public void apply(Link link) {
        if (merging) {
            throw new InconsistentPageException("link applied to a node that was merged into its sibling");
        }
        if (link instanceof Link.Set set) {
            set(set.encodedKey(), set.value());
        } else if (link instanceof Link.Del del) {
            delete(del.encodedKey());
        } else if (link instanceof Link.ParentMergeIntention intention) {
            if (mergingChild != 0 || intention.childPid() == 0) {
                throw new InconsistentPageException(
                        "merge intention for child " + intention.childPid() + " while merging child " + mergingChild);
            }
            mergingChild = intention.childPid();
        } else if (link instanceof Link.ParentMergeConfirm) {
            confirmMerge();
        } else {
            merging = true;
        }
    }

    private void set(byte[] key, byte[] value) {
        requireLeaf("set");
        edited().put(key, value);
    }

    private void delete(byte[] key) {
        requireLeaf("delete");
        edited().remove(key);
    }

    private TreeMap<byte[], byte[]> edited() {
        if (edited == null) {
            edited = new TreeMap<>(Arrays::compareUnsigned);
            for (int i = 0; i < keys.size(); i++) {
                edited.put(keys.get(i), values.get(i));
            }
        }
        return edited;
    }

    /** Brings the lists up to date with the links applied since they were last read. */
    private void settle() {
        if (childPositions != null) {
            int kept = 0;
            for (int i = 0; i < children.size(); i++) {
                if (!childPositions.isRemoved(i)) {
                    keys.set(kept, keys.get(i));
                    children.set(kept, children.get(i));
                    kept++;
                }
            }
            keys.subList(kept, keys.size()).clear();
            children.subList(kept, children.size()).clear();
            childPositions = null;
        }
        if (edited != null) {
            keys.clear();
            values.clear();
            edited.forEach((key, value) -> {
                keys.add(key);
                values.add(value);
            });
            edited = null;
        }
    }

    private void confirmMerge() {
        if (leaf || mergingChild == 0) {
            throw new InconsistentPageException("merge confirmation without a pending child merge");
        }
        if (childPositions == null) {
            childPositions = new ChildPositions(children);
        }
        if (childPositions.removeFirst(mergingChild) < 0) {
            throw new InconsistentPageException("merged child " + mergingChild + " is not a child of this node");
        }
        mergingChild = 0;
    }

    private void requireLeaf(String operation) {
        if (!leaf) {
            throw new InconsistentPageException("key " + operation + " applied to an index node");
        }
    }

    /** Pid of the right sibling, 0 for none. */
    public long next() {
        return next;
    }

    public boolean isLeaf() {
        return leaf;
    }

    public boolean isMerging() {
        return merging;
    }

    public long mergingChild() {
        return mergingChild;
    }

    public int prefixLength() {
        return prefixLen;
    }

    /** Inclusive lower bound of the node's keys. */
    public byte[] lo() {
        return lo.clone();
    }

    public int size() {
        settle();
        return keys.size();
    }

    /** The i-th key with the shared prefix restored. */
    public byte[] key(int i) {
        settle();
        byte[] stored = keys.get(i);
        byte[] full = Arrays.copyOf(lo, prefixLen + stored.length);
        System.arraycopy(stored, 0, full, prefixLen, stored.length);
        return full;
    }

    public byte[] value(int i) {
        settle();
        return values.get(i);
    }

    public long child(int i) {
        settle();
        return children.get(i);
    }

    /** Exclusive upper bound of the node's keys; empty when the node has none (the rightmost node). */
    public byte[] hi() {
        return hi.clone();
    }

    /** Whether {@code key} lies in {@code [lo, hi)}. */
    public boolean covers(byte[] key) {
        return Arrays.compareUnsigned(key, lo) >= 0 && (hi.length == 0 || Arrays.compareUnsigned(key, hi) < 0);
    }
}
