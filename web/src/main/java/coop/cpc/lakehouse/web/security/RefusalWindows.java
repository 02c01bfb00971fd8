package coop.cpc.lakehouse.web.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Refusals merged per client address per interval: the first refusal of an address opens its window and is
 * written at once; the others in the window are only counted, and written as one entry with their count when
 * the window ends. At most {@code maxAddresses} windows are open: refusals from further addresses share one
 * window without an address, so the entries written per interval stay bounded whatever the addresses.
 */
final class RefusalWindows {

    /** An entry to write: the refusals of one address (null: of the addresses past the bound) in one window. */
    record Merged(String address, long count) {}

    private static final class Window {
        final Instant end;
        long pending;

        Window(Instant end) {
            this.end = end;
        }
    }

    private final Duration interval;
    private final int maxAddresses;
    /** Open windows in the order they opened, which is the order they end (one interval each). */
    private final LinkedHashMap<String, Window> windows = new LinkedHashMap<>();

    private Window others;

    RefusalWindows(Duration interval, int maxAddresses) {
        this.interval = interval;
        this.maxAddresses = maxAddresses;
    }

    /** Counts one refusal; returns the entries to write now (this one if it opened a window, and any ended). */
    synchronized List<Merged> refuse(String address, Instant now) {
        List<Merged> write = ended(now);
        Window open = address == null ? null : windows.get(address);
        if (open != null) {
            open.pending++;
        } else if (address != null && windows.size() < maxAddresses) {
            windows.put(address, new Window(now.plus(interval)));
            write.add(new Merged(address, 1));
        } else if (others != null) {
            others.pending++;
        } else {
            others = new Window(now.plus(interval));
            write.add(new Merged(null, 1));
        }
        return write;
    }

    /** Closes the windows that ended by {@code now}; returns the entries of those that counted refusals. */
    synchronized List<Merged> ended(Instant now) {
        List<Merged> write = new ArrayList<>();
        Iterator<java.util.Map.Entry<String, Window>> eldest =
                windows.entrySet().iterator();
        while (eldest.hasNext()) {
            java.util.Map.Entry<String, Window> entry = eldest.next();
            if (entry.getValue().end.isAfter(now)) {
                break;
            }
            if (entry.getValue().pending > 0) {
                write.add(new Merged(entry.getKey(), entry.getValue().pending));
            }
            eldest.remove();
        }
        if (others != null && !others.end.isAfter(now)) {
            if (others.pending > 0) {
                write.add(new Merged(null, others.pending));
            }
            others = null;
        }
        return write;
    }

    /** Closes every window (the server stops): the entries of those that counted refusals. */
    synchronized List<Merged> closeAll() {
        return ended(Instant.MAX);
    }

    synchronized int openWindows() {
        return windows.size() + (others == null ? 0 : 1);
    }
}
