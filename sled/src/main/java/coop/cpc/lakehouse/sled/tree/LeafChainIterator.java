package coop.cpc.lakehouse.sled.tree;

import coop.cpc.lakehouse.sled.CorruptSledFileException;
import coop.cpc.lakehouse.sled.SledPair;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A tree's pairs in key order: descend child 0 from the root to the leftmost leaf, then follow the
 * leaves' {@code next} pointers. Only one leaf is held at a time.
 *
 * <p>A key is emitted only if it lies in its leaf's {@code [lo, hi)} and sorts after the previous
 * key, so overlapping leaves (a split or merge caught half-way) never yield a pair twice or out of
 * order. A chain that revisits a leaf is damage and ends in an error instead of a loop.
 */
public final class LeafChainIterator implements Iterator<SledPair> {

    private final PageStore store;
    private final long rootPid;
    private final Path rootReferrer;
    private final long rootReferrerOffset;
    private final Set<Long> visited = new HashSet<>();
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
        TreePage page = visit(rootPid, rootReferrer, rootReferrerOffset);
        while (!page.node().isLeaf()) {
            if (page.node().size() == 0) {
                throw new CorruptSledFileException(page.file(), page.offset(), "index page " + page.pid() + " has no children");
            }
            page = visit(page.node().child(0), page.file(), page.offset());
        }
        return page;
    }

    private TreePage nextLeaf() {
        long next = leaf.node().next();
        if (next == 0) {
            return null;
        }
        TreePage page = visit(next, leaf.file(), leaf.offset());
        if (!page.node().isLeaf()) {
            throw new CorruptSledFileException(page.file(), page.offset(),
                    "leaf chain reaches index page " + next);
        }
        index = 0;
        return page;
    }

    private TreePage visit(long pid, Path referrer, long referrerOffset) {
        if (!visited.add(pid)) {
            throw new CorruptSledFileException(referrer, referrerOffset, "tree loops back to page " + pid);
        }
        return store.node(pid, referrer, referrerOffset);
    }
}
