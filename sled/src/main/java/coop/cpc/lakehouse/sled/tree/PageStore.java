package coop.cpc.lakehouse.sled.tree;

import coop.cpc.lakehouse.sled.CorruptSledFileException;
import coop.cpc.lakehouse.sled.format.InconsistentPageException;
import coop.cpc.lakehouse.sled.format.Link;
import coop.cpc.lakehouse.sled.format.MalformedPayloadException;
import coop.cpc.lakehouse.sled.format.Node;
import coop.cpc.lakehouse.sled.format.TreeRoots;
import coop.cpc.lakehouse.sled.log.FragmentReader;
import coop.cpc.lakehouse.sled.log.PageLocation;
import coop.cpc.lakehouse.sled.log.PageTable;
import coop.cpc.lakehouse.sled.log.StoredFragment;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Materialises pages on demand: read the base, decode it, apply the links in LSN order. */
public final class PageStore {

    private static final long META_PID = 0;

    private final PageTable table;
    private final FragmentReader reader;

    private final Path logPath;

    public PageStore(PageTable table, FragmentReader reader, Path logPath) {
        this.table = table;
        this.reader = reader;
        this.logPath = logPath;
    }

    /** Tree names and root pids, and where the Meta page that lists them is stored. */
    public record MetaPage(Map<byte[], Long> roots, Path file, long offset) {}

    /** Reads the Meta page (pid 0); an empty log holds no trees. */
    public MetaPage meta() {
        Optional<List<PageLocation>> fragments = table.fragments(META_PID);
        if (fragments.isEmpty()) {
            if (table.size() > 0) {
                throw new CorruptSledFileException(logPath, 0, "the log holds pages but no Meta page (pid 0)");
            }
            return new MetaPage(Map.of(), logPath, 0);
        }
        StoredFragment base = reader.read(META_PID, fragments.get().get(0));
        if (!base.kind().isMeta()) {
            throw new CorruptSledFileException(
                    base.file(), base.offset(), "page 0 holds " + base.kind() + ", not Meta");
        }
        return new MetaPage(decode(base, TreeRoots::parse), base.file(), base.offset());
    }

    /** The node stored as {@code pid}, referenced from {@code referrer} (a file and offset, for errors). */
    TreePage node(long pid, Path referrerFile, long referrerOffset) {
        List<PageLocation> fragments = table.fragments(pid)
                .orElseThrow(() -> new CorruptSledFileException(
                        referrerFile,
                        referrerOffset,
                        "refers to page " + pid + ", which is free or was never written"));
        StoredFragment base = reader.read(pid, fragments.get(0));
        if (!base.kind().isNode()) {
            throw new CorruptSledFileException(
                    base.file(), base.offset(), "page " + pid + " holds " + base.kind() + ", not a tree node");
        }
        Node node = decode(base, Node::parse);
        for (PageLocation location : fragments.subList(1, fragments.size())) {
            StoredFragment fragment = reader.read(pid, location);
            if (!fragment.kind().isLink()) {
                throw new CorruptSledFileException(
                        fragment.file(),
                        fragment.offset(),
                        "page " + pid + " has a " + fragment.kind() + " where a link was expected");
            }
            Link link = decode(fragment, Link::parse);
            try {
                node.apply(link);
            } catch (InconsistentPageException e) {
                throw new CorruptSledFileException(
                        fragment.file(), fragment.offset(), "page " + pid + ": " + e.getMessage(), e);
            }
        }
        return new TreePage(pid, node, base.file(), base.offset());
    }

    private static <T> T decode(StoredFragment fragment, Function<byte[], T> decoder) {
        try {
            return decoder.apply(fragment.payload());
        } catch (MalformedPayloadException e) {
            // With compression the position is inside the decompressed payload, so name the payload's start.
            throw new CorruptSledFileException(
                    fragment.file(), fragment.offset(), fragment.kind() + " payload: " + e.getMessage(), e);
        }
    }
}
