package coop.cpc.lakehouse.sled;

import coop.cpc.lakehouse.sled.tree.LeafChainIterator;
import coop.cpc.lakehouse.sled.tree.PageStore;
import java.nio.file.Path;
import java.util.Iterator;

/** One named tree. Each call to {@link #iterator()} streams its pairs afresh, in key byte order. */
public final class SledTree implements Iterable<SledPair> {

    /** The tree sled creates for {@code Db} itself. */
    public static final String DEFAULT_TREE_NAME = "__sled__default";

    private final byte[] name;
    private final long rootPid;
    private final PageStore store;
    private final Path metaFile;
    private final long metaOffset;

    SledTree(byte[] name, long rootPid, PageStore store, Path metaFile, long metaOffset) {
        this.name = name;
        this.rootPid = rootPid;
        this.store = store;
        this.metaFile = metaFile;
        this.metaOffset = metaOffset;
    }

    /** The tree's name as stored (sled names are bytes, usually UTF-8). */
    public byte[] name() {
        return name.clone();
    }

    /**
     * Pairs in key order. Errors surface from {@code hasNext()}/{@code next()} as {@link SledException}s.
     */
    @Override
    public Iterator<SledPair> iterator() {
        return new LeafChainIterator(store, rootPid, metaFile, metaOffset);
    }
}
