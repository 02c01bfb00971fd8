package coop.cpc.lakehouse.application.asset;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the snapshot expiries and asset deletions begun and ended in this server, so that a read-only
 * request can tell that no snapshot it saw can have been expired or deleted since it began (none was
 * under way when it began, and none has begun since) without asking the catalog again. A removal is
 * counted as begun before its catalog transaction commits and as ended only once it has, so one that
 * commits after a request began always shows. Exact with one server per catalog, as the audit trail's
 * cached chain head already requires.
 */
@ApplicationScoped
public class SnapshotRemovals {
    private final AtomicLong begun = new AtomicLong();
    private final AtomicLong ended = new AtomicLong();

    @Resource
    TransactionSynchronizationRegistry registry;

    /** Called before an expiry changes the catalog; {@link #end} in a finally once its transaction has ended. */
    public void begin() {
        begun.incrementAndGet();
    }

    public void end() {
        ended.incrementAndGet();
    }

    /** {@link #begin} now and {@link #end} once the caller's transaction has ended (an asset deletion). */
    public void beginUntilTheTransactionEnds() {
        begin();
        if (registry == null || registry.getTransactionKey() == null) {
            end(); // No transaction: what the caller changes is committed as it goes.
            return;
        }
        try {
            registry.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {}

                @Override
                public void afterCompletion(int status) {
                    end();
                }
            });
        } catch (IllegalStateException willNotCommit) {
            end();
        }
    }

    /** The removals begun so far if every one of them has ended, else -1 (one is under way). */
    public long settled() {
        long e = ended.get();
        long b = begun.get();
        return b == e ? b : -1;
    }

    /** Removals begun so far. */
    public long begun() {
        return begun.get();
    }
}
