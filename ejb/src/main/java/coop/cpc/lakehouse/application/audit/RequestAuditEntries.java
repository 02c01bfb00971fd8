package coop.cpc.lakehouse.application.audit;

import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The audit entries of one read-only request whose answer the inbound adapter holds back until they are
 * appended: its audited calls and refusals queue their entries here instead of each waiting for its own
 * append, and the adapter appends them together ({@link AuditTrail#recordAll}) before it releases the answer.
 * So a read is still on the trail before its data is returned, and {@code asset(id) { rows }} waits for one
 * append instead of two. Nothing is held unless the adapter asked for it; outside a request an entry is
 * appended at once. The entries keep call order on the trail: when {@link #MAX_HELD} are held, they are
 * appended together at once and the request holds on from an empty list.
 */
@RequestScoped
public class RequestAuditEntries {
    /** Entries one request holds at most (a query names few audited fields; aliases could name more). */
    static final int MAX_HELD = 64;

    private boolean holding;
    private final List<AuditEvent> held = new ArrayList<>();
    /** Entries of this request appended early (at the bound) whose append failed. */
    private int lost;

    /** Called by the inbound adapter for a request that only reads and whose answer it buffers. */
    public synchronized void holdUntilAnswered() {
        holding = true;
    }

    /**
     * The entries to append now for {@code event}, in call order: none while the request holds it; the held
     * ones and it once the request holds {@link #MAX_HELD}; it alone when the request holds nothing.
     */
    synchronized List<AuditEvent> admit(AuditEvent event) {
        if (!holding) {
            return List.of(event);
        }
        held.add(event);
        if (held.size() < MAX_HELD) {
            return List.of();
        }
        List<AuditEvent> due = List.copyOf(held);
        held.clear();
        return due;
    }

    /**
     * The entries held so far, in the order they were recorded; holds nothing more afterwards. They are returned
     * also when an early append of this request failed: the reads that ran are recorded whatever happens, and
     * {@link #requireAllAppended} then says the answer must be withheld.
     */
    public synchronized List<AuditEvent> release() {
        holding = false;
        List<AuditEvent> entries = List.copyOf(held);
        held.clear();
        return entries;
    }

    /**
     * @throws IllegalStateException when entries of this request appended early could not be appended: its
     *     answer must be withheld
     */
    public synchronized void requireAllAppended() {
        if (lost > 0) {
            throw new IllegalStateException(lost + " audit entries of the request could not be appended");
        }
    }

    /** As {@link #admit(AuditEvent)} for the current request; outside a request, {@code event} alone. */
    static List<AuditEvent> admit(Instance<RequestAuditEntries> request, AuditEvent event) {
        if (request == null) {
            return List.of(event);
        }
        try {
            return request.get().admit(event);
        } catch (ContextNotActiveException outsideARequest) {
            return List.of(event);
        }
    }

    /**
     * Appends {@code event} through {@code append}, or holds it for the current request, so that the request's
     * entries reach the trail in call order; an early append that fails withholds the request's answer.
     */
    static void record(Instance<RequestAuditEntries> request, AuditEvent event, Consumer<List<AuditEvent>> append) {
        List<AuditEvent> due = admit(request, event);
        if (due.isEmpty()) {
            return; // Appended with the request's other entries before its answer is sent.
        }
        try {
            append.accept(due);
        } catch (RuntimeException e) {
            notAppended(request, due.size());
            throw e;
        }
    }

    /** Notes that {@code count} entries the request let go early were not appended: its answer is withheld. */
    synchronized void notAppended(int count) {
        if (holding) {
            lost += count;
        }
    }

    /** As {@link #notAppended(int)} for the current request; nothing outside a request. */
    static void notAppended(Instance<RequestAuditEntries> request, int count) {
        if (request == null) {
            return;
        }
        try {
            request.get().notAppended(count);
        } catch (ContextNotActiveException outsideARequest) {
            // Nothing held: the caller's own call fails.
        }
    }
}
