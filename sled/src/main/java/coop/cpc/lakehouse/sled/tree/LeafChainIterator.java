package coop.cpc.lakehouse.sled.tree;

import coop.cpc.lakehouse.sled.CorruptSledFileException;
import coop.cpc.lakehouse.sled.SledPair;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A tree's pairs in key order: descend child 0 from the root to the leftmost leaf, then follow the
 * leaves' {@code next} pointers. Only one leaf is held at a time.
 *
 * <p>A key is emitted only if it lies in its leaf's {@code [lo, hi)} and sorts after the previous
 * key, so overlapping leaves (a split or merge caught half-way) never yield a pair twice or out of
 * order. In sled every leaf's right sibling starts at a higher {@code lo}, through splits and
 * merges alike, and no later than the leaf's {@code hi} (at it, at rest; before it, in a split caught
 * half-way); the rightmost leaf (no {@code hi}) has no sibling. A chain that does not is damage and ends
 * in an error: a gap would lose the skipped leaves' pairs, and a step back would loop (so loops end
 * without remembering the leaves already visited).
 */
public final class LeafChainIterator implements Iterator<SledPair> {

    private final PageStore store;
    private final long rootPid;
    private final Path rootReferrer;
    private final long rootReferrerOffset;
    /** Far deeper than any sled tree; only a loop among index pages gets there. */
    private static final int MAX_DEPTH = 128;

    private TreePage leaf;
    private int index;
    private byte[] lastKey;
    private SledPair pending;
    private boolean started;
    private boolean finished;

    public LeafChainIterator(PageStore store, long rootPid, Path rootReferrer, long rootReferrerOffset) {
        this.store = store;
        this.rootPid = rootPid;
        this.rootReferrer = rootReferrer;
        this.rootReferrerOffset = rootReferrerOffset;
    }

    @Override
    public boolean hasNext() {
        if (pending == null && !finished) {
            pending = advance();
            finished = pending == null;
        }
        return pending != null;
    }

    @Override
    public SledPair next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        SledPair pair = pending;
        pending = null;
        return pair;
    }

    private SledPair advance() {
        if (!started) {
            started = true;
            leaf = leftmostLeaf();
        }
        while (leaf != null) {
            while (index < leaf.node().size()) {
                int i = index++;
                byte[] key = leaf.node().key(i);
                if (leaf.node().covers(key) && (lastKey == null || Arrays.compareUnsigned(key, lastKey) > 0)) {
                    lastKey = key;
                    return new SledPair(key, leaf.node().value(i));
                }
            }
            leaf = nextLeaf();
        }
        return null;
    }

    private TreePage leftmostLeaf() {
        TreePage page = store.node(rootPid, rootReferrer, rootReferrerOffset);
        for (int depth = 0; !page.node().isLeaf(); depth++) {
            if (page.node().size() == 0) {
                throw new CorruptSledFileException(
                        page.file(), page.offset(), "index page " + page.pid() + " has no children");
            }
            if (depth == MAX_DEPTH) {
                throw new CorruptSledFileException(
                        page.file(),
                        page.offset(),
                        "index pages nest deeper than " + MAX_DEPTH + " levels: the tree loops");
            }
            page = store.node(page.node().child(0), page.file(), page.offset());
        }
        return page;
    }

    private TreePage nextLeaf() {
        long next = leaf.node().next();
        if (next == 0) {
            return null;
        }
        TreePage page = store.node(next, leaf.file(), leaf.offset());
        if (!page.node().isLeaf()) {
            throw new CorruptSledFileException(page.file(), page.offset(), "leaf chain reaches index page " + next);
        }
        if (Arrays.compareUnsigned(page.node().lo(), leaf.node().lo()) <= 0) {
            throw new CorruptSledFileException(
                    leaf.file(),
                    leaf.offset(),
                    "leaf " + leaf.pid() + " links back to leaf " + next + ", which does not start after it");
        }
        byte[] hi = leaf.node().hi();
        if (hi.length == 0) {
            throw new CorruptSledFileException(
                    leaf.file(),
                    leaf.offset(),
                    "leaf " + leaf.pid() + " has no upper bound but links on to leaf " + next);
        }
        if (Arrays.compareUnsigned(page.node().lo(), hi) > 0) {
            throw new CorruptSledFileException(
                    leaf.file(),
                    leaf.offset(),
                    "leaf " + leaf.pid() + " links to leaf " + next
                            + ", which starts after this leaf ends: the keys between them are lost");
        }
        index = 0;
        return page;
    }
}
