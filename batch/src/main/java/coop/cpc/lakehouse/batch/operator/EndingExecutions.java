package coop.cpc.lakehouse.batch.operator;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * The ingestion executions of this server whose end bookkeeping (the job's status, JMX {@code LastFailure}, the
 * run metrics, written by {@code RunStatusListener.afterJob}) is not written yet. Both batch runtimes can publish
 * an execution's final status before their job listeners have run (JBeret does for STOPPED and FAILED), so
 * {@link StandardJobRunner} reports such an end only once it is written here: whatever order a runtime follows,
 * a client that sees the end also sees what the end changed.
 *
 * <p>An execution is held from the end of its {@code beforeJob} to the end of its {@code afterJob}. An
 * {@code afterJob} that hangs, or a batch thread that dies in it, would hold it forever, so an end is hidden for
 * at most {@link #LONGEST_END_BOOKKEEPING} after it was first hidden (a safety net: both runtimes call
 * {@code afterJob} after every run, also when {@code beforeJob} threw). Held in memory: one server per
 * catalog runs its executions (README), and a server stop ends them all.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class EndingExecutions {
    /** How long an end written by nobody stays hidden; the bookkeeping is one short transaction. */
    static final Duration LONGEST_END_BOOKKEEPING = Duration.ofMinutes(2);

    private static final Logger LOG = Logger.getLogger(EndingExecutions.class.getName());

    /** Execution id → when its end was first hidden (null until then). */
    private final ConcurrentMap<Long, AtomicReference<Instant>> pending = new ConcurrentHashMap<>();

    /** The execution runs: its end, when the runtime reports it, is hidden until {@link #endWritten}. */
    public void started(long executionId) {
        pending.put(executionId, new AtomicReference<>());
    }

    /** The execution's end bookkeeping has committed (or failed for good): its end may be reported. */
    public void endWritten(long executionId) {
        pending.remove(executionId);
    }

    /** Whether an end the runtime reports for this execution must still be reported as running. */
    public boolean hidesEnd(long executionId, Instant now) {
        AtomicReference<Instant> hiddenSince = pending.get(executionId);
        if (hiddenSince == null) {
            return false;
        }
        hiddenSince.compareAndSet(null, now);
        if (Duration.between(hiddenSince.get(), now).compareTo(LONGEST_END_BOOKKEEPING) > 0) {
            pending.remove(executionId);
            LOG.warning(() -> "The end of execution " + executionId + " was not written within "
                    + LONGEST_END_BOOKKEEPING + " (its job listener did not run or did not finish); it is reported"
                    + " ended without it");
            return false;
        }
        return true;
    }
}
