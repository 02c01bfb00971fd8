package coop.cpc.lakehouse.application.audit;

import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit entries of one read-only request whose answer the inbound adapter holds back until they are
 * appended: its audited calls queue their entries here instead of each waiting for its own append, and
 * the adapter appends them together ({@link AuditTrail#recordAll}) before it releases the answer. So a
 * read is still on the trail before its data is returned, and {@code asset(id) { rows }} waits for one
 * append instead of two. Nothing is held unless the adapter asked for it; beyond {@link #MAX_HELD}
 * entries, or outside a request, an entry is appended at once as before.
 */
@RequestScoped
public class RequestAuditEntries {
    /** Entries one request holds at most (a query names few audited fields; aliases could name more). */
    static final int MAX_HELD = 64;

    private boolean holding;
    private final List<AuditEvent> held = new ArrayList<>();

    /** Called by the inbound adapter for a request that only reads and whose answer it buffers. */
    public synchronized void holdUntilAnswered() {
        holding = true;
    }

    synchronized boolean hold(AuditEvent event) {
        if (!holding || held.size() >= MAX_HELD) {
            return false;
        }
        held.add(event);
        return true;
    }

    /** The entries held so far, in the order they were recorded; holds nothing more afterwards. */
    public synchronized List<AuditEvent> release() {
        holding = false;
        List<AuditEvent> entries = List.copyOf(held);
        held.clear();
        return entries;
    }

    /** Whether the current request holds {@code event} for the adapter to append; false outside a request. */
    static boolean held(Instance<RequestAuditEntries> request, AuditEvent event) {
        if (request == null) {
            return false;
        }
        try {
            return request.get().hold(event);
        } catch (ContextNotActiveException outsideARequest) {
            return false;
        }
    }
}
