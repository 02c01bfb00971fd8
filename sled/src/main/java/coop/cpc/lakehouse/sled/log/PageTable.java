package coop.cpc.lakehouse.sled.log;

import coop.cpc.lakehouse.sled.format.DiskPointer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * pid → where the page's base and its link fragments are stored. Only locations are kept; page contents are read on
 * demand, so memory grows with the number of pages, not with their size.
 *
 * <p>The table is kept in primitive arrays, so that its memory stays in proportion to the bytes that describe it: a
 * page costs 12 bytes plus about 20 per fragment, where a snapshot entry takes at least 11 bytes (a compressed
 * snapshot is bounded by {@link coop.cpc.lakehouse.sled.format.Zstd#MAX_OUTPUT} once decompressed) and a log message
 * about 10. sled hands out pids from 0 upwards, so pids are indexed directly while they stay dense (below twice the
 * number of directly indexed pages, plus 16); any other pid, which a crafted log may name, goes to a hash table.
 */
public final class PageTable {

    private static final int DENSE_SLACK = 16;

    private final PageStates dense;
    private final PageStates sparse = new PageStates(16);
    private final PidSlots sparseSlots = new PidSlots();
    private final FragmentList fragments;
    private long densePages;
    private int size;

    public PageTable() {
        this(16, 16);
    }

    /** A table with room for {@code pages} pages with pids from 0 upwards and {@code fragments} fragments. */
    PageTable(int pages, int fragments) {
        dense = new PageStates(Math.max(16, pages));
        this.fragments = new FragmentList(Math.max(16, fragments));
    }

    /** A Node, Meta or Counter message: the page starts over from this base. */
    void replace(long pid, PageLocation base) {
        replace(pid, base.lsn(), base.pointer().logOffset(), isBlob(base), blobLsn(base));
    }

    /** {@link #replace(long, PageLocation)} without objects: a blob pointer when {@code blob}. */
    void replace(long pid, long lsn, long logOffset, boolean blob, long blobLsn) {
        set(pid, fragments.add(lsn, logOffset, blob, blobLsn, 0), lsn);
    }

    /**
     * A Link message. Ignored unless the page is present, because sled relocates bases to later segments and a link
     * may predate the base recovery saw; also ignored when not newer than the last fragment, so that replaying a
     * message already in the snapshot is harmless.
     */
    void link(long pid, PageLocation fragment) {
        link(pid, fragment.lsn(), fragment.pointer().logOffset(), isBlob(fragment), blobLsn(fragment));
    }

    /** {@link #link(long, PageLocation)} without objects: a blob pointer when {@code blob}. */
    void link(long pid, long lsn, long logOffset, boolean blob, long blobLsn) {
        int slot = slot(pid);
        int newest = slot == NO_SLOT ? PageStates.ABSENT : states(slot).newest(index(slot));
        if (newest > 0 && fragments.lsn(newest) < lsn) {
            states(slot).set(index(slot), fragments.add(lsn, logOffset, blob, blobLsn, newest), lsn);
        }
    }

    private static boolean isBlob(PageLocation location) {
        return location.pointer() instanceof DiskPointer.Blob;
    }

    private static long blobLsn(PageLocation location) {
        return location.pointer() instanceof DiskPointer.Blob blob ? blob.blobLsn() : 0;
    }

    void free(long pid, long lsn) {
        set(pid, PageStates.FREE, lsn);
    }

    /** Whether recovery applied a write to this page at or after {@code lsn}. */
    boolean hasWriteSince(long pid, long lsn) {
        int slot = slot(pid);
        return slot != NO_SLOT
                && states(slot).newest(index(slot)) != PageStates.ABSENT
                && states(slot).newestLsn(index(slot)) >= lsn;
    }

    /** Base and links of a present page, or empty when the page is free or was never written. */
    public Optional<List<PageLocation>> fragments(long pid) {
        int slot = slot(pid);
        int newest = slot == NO_SLOT ? PageStates.ABSENT : states(slot).newest(index(slot));
        if (newest <= 0) {
            return Optional.empty();
        }
        List<PageLocation> locations = new ArrayList<>(2);
        for (int id = newest; id != 0; id = fragments.previous(id)) {
            locations.add(fragments.location(id));
        }
        Collections.reverse(locations);
        return Optional.of(Collections.unmodifiableList(locations));
    }

    /**
     * The log segments (file offset / {@code segmentSize}) in which a present page keeps a fragment, built in one pass
     * so that checking many segments costs the page table once, not once per segment.
     */
    Set<Long> segmentsReferenced(int segmentSize) {
        Set<Long> segments = new HashSet<>();
        addSegments(dense, dense.capacity(), segmentSize, segments);
        addSegments(sparse, sparseSlots.size(), segmentSize, segments);
        return segments;
    }

    private void addSegments(PageStates states, int slots, int segmentSize, Set<Long> segments) {
        for (int slot = 0; slot < slots; slot++) {
            for (int id = states.newest(slot); id > 0; id = fragments.previous(id)) {
                // A blob pointer's log message counts too: sled frees a segment only when neither is live.
                segments.add(Math.floorDiv(fragments.logOffset(id), (long) segmentSize));
            }
        }
    }

    /** Pages present or free. */
    public int size() {
        return size;
    }

    private static final int NO_SLOT = Integer.MIN_VALUE;

    /** Directly indexed pids have slot = pid (≥ 0); the others have slot = ~(index in {@link #sparse}). */
    private int slot(long pid) {
        if (pid >= 0 && pid < dense.capacity() && dense.newest((int) pid) != PageStates.ABSENT) {
            return (int) pid;
        }
        int sparseIndex = sparseSlots.get(pid);
        return sparseIndex >= 0 ? ~sparseIndex : NO_SLOT;
    }

    private PageStates states(int slot) {
        return slot >= 0 ? dense : sparse;
    }

    private static int index(int slot) {
        return slot >= 0 ? slot : ~slot;
    }

    private void set(long pid, int fragment, long lsn) {
        int slot = slot(pid);
        if (slot == NO_SLOT) {
            slot = newSlot(pid);
            size++;
        }
        states(slot).set(index(slot), fragment, lsn);
    }

    private int newSlot(long pid) {
        if (pid >= 0
                && (pid < dense.capacity() || pid < Math.min(Integer.MAX_VALUE - 8, 2 * densePages + DENSE_SLACK))) {
            dense.ensure((int) pid + 1);
            densePages++;
            return (int) pid;
        }
        int sparseIndex = sparseSlots.size();
        sparse.ensure(sparseIndex + 1);
        sparseSlots.put(pid, sparseIndex);
        return ~sparseIndex;
    }
}
