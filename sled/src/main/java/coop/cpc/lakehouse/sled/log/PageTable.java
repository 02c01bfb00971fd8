package coop.cpc.lakehouse.sled.log;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * pid → where the page's base and its link fragments are stored. Only locations are kept; page
 * contents are read on demand, so memory grows with the number of pages, not with their size.
 */
public final class PageTable {

    /** A present page's fragments, base first; an empty list marks a freed page. */
    private final Map<Long, List<PageLocation>> pages = new HashMap<>();

    /** A Node, Meta or Counter message: the page starts over from this base. */
    void replace(long pid, PageLocation base) {
        List<PageLocation> fragments = new ArrayList<>(2);
        fragments.add(base);
        pages.put(pid, fragments);
    }

    /**
     * A Link message. Ignored unless the page is present, because sled relocates bases to later
     * segments and a link may predate the base recovery saw; also ignored when not newer than the
     * last fragment, so that replaying a message already in the snapshot is harmless.
     */
    void link(long pid, PageLocation fragment) {
        List<PageLocation> fragments = pages.get(pid);
        if (fragments != null && !fragments.isEmpty()
                && fragments.get(fragments.size() - 1).lsn() < fragment.lsn()) {
            fragments.add(fragment);
        }
    }

    void free(long pid) {
        pages.put(pid, List.of());
    }

    /** Base and links of a present page, or empty when the page is free or was never written. */
    public Optional<List<PageLocation>> fragments(long pid) {
        List<PageLocation> fragments = pages.get(pid);
        return fragments == null || fragments.isEmpty()
                ? Optional.empty()
                : Optional.of(Collections.unmodifiableList(fragments));
    }

    public int size() {
        return pages.size();
    }
}
