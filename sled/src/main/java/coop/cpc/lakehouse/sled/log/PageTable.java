package coop.cpc.lakehouse.sled.log;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * pid → where the page's base and its link fragments are stored. Only locations are kept; page
 * contents are read on demand, so memory grows with the number of pages, not with their size.
 */
public final class PageTable {

    /** A present page's fragments, base first; an empty list marks a freed page. */
    private final Map<Long, List<PageLocation>> pages = new HashMap<>();

    /** LSN of the newest write applied to each page (base, link or free). */
    private final Map<Long, Long> newestLsn = new HashMap<>();

    /** A Node, Meta or Counter message: the page starts over from this base. */
    void replace(long pid, PageLocation base) {
        List<PageLocation> fragments = new ArrayList<>(2);
        fragments.add(base);
        pages.put(pid, fragments);
        newestLsn.put(pid, base.lsn());
    }

    /**
     * A Link message. Ignored unless the page is present, because sled relocates bases to later
     * segments and a link may predate the base recovery saw; also ignored when not newer than the
     * last fragment, so that replaying a message already in the snapshot is harmless.
     */
    void link(long pid, PageLocation fragment) {
        List<PageLocation> fragments = pages.get(pid);
        if (fragments != null
                && !fragments.isEmpty()
                && fragments.get(fragments.size() - 1).lsn() < fragment.lsn()) {
            fragments.add(fragment);
            newestLsn.put(pid, fragment.lsn());
        }
    }

    void free(long pid, long lsn) {
        pages.put(pid, List.of());
        newestLsn.put(pid, lsn);
    }

    /** Whether recovery applied a write to this page at or after {@code lsn}. */
    boolean hasWriteSince(long pid, long lsn) {
        Long newest = newestLsn.get(pid);
        return newest != null && newest >= lsn;
    }

    /** Base and links of a present page, or empty when the page is free or was never written. */
    public Optional<List<PageLocation>> fragments(long pid) {
        List<PageLocation> fragments = pages.get(pid);
        return fragments == null || fragments.isEmpty()
                ? Optional.empty()
                : Optional.of(Collections.unmodifiableList(fragments));
    }

    /**
     * The log segments (file offset / {@code segmentSize}) in which a present page keeps a fragment, built in
     * one pass so that checking many segments costs the page table once, not once per segment.
     */
    Set<Long> segmentsReferenced(int segmentSize) {
        Set<Long> segments = new HashSet<>();
        for (List<PageLocation> fragments : pages.values()) {
            for (PageLocation location : fragments) {
                // A blob pointer's log message counts too: sled frees a segment only when neither is live.
                segments.add(Math.floorDiv(location.pointer().logOffset(), (long) segmentSize));
            }
        }
        return segments;
    }

    public int size() {
        return pages.size();
    }
}
