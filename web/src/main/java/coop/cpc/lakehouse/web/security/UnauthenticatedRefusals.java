package coop.cpc.lakehouse.web.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.cpc.lakehouse.application.audit.AuditEvent;
import coop.cpc.lakehouse.application.audit.AuditTrail;
import coop.cpc.lakehouse.application.audit.AuditedCaller;
import coop.cpc.lakehouse.catalog.audit.AuditAction;
import coop.cpc.lakehouse.catalog.audit.AuditOutcome;
import coop.cpc.lakehouse.catalog.audit.AuditPurpose;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The audit entries of requests refused for want of a valid token. Anyone who reaches the port can send
 * them, so each client address gets one entry per {@link #INTERVAL} at most, plus one more with the count of
 * the rest ({@link RefusalWindows}); the entries name the address like any other (the trail reduces it to
 * its network) and no caller. Counts of ended windows are written by the next refusal or within
 * {@link #FLUSH_EVERY}, and when the application stops.
 */
@ApplicationScoped
public class UnauthenticatedRefusals {
    /** The interval whose refusals from one address share an entry. */
    static final Duration INTERVAL = Duration.ofSeconds(60);
    /** The most addresses with an open window; refusals from others share one entry without an address. */
    static final int MAX_ADDRESSES = 1_024;

    static final Duration FLUSH_EVERY = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(UnauthenticatedRefusals.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    @EJB
    AuditTrail trail;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final RefusalWindows windows = new RefusalWindows(INTERVAL, MAX_ADDRESSES);
    private ScheduledFuture<?> flusher;

    /** Records one refused request from {@code address}; writes to the trail only when a window opens or ends. */
    public void refused(String address) {
        startFlusher();
        write(windows.refuse(address, Instant.now()));
    }

    /** Writes the counts of the windows that have ended. */
    void flush() {
        write(windows.ended(Instant.now()));
    }

    @PreDestroy
    void close() {
        synchronized (this) {
            if (flusher != null) {
                flusher.cancel(false);
            }
        }
        write(windows.closeAll());
    }

    private synchronized void startFlusher() {
        if (flusher == null && scheduler != null) {
            long every = FLUSH_EVERY.toMillis();
            flusher = scheduler.scheduleWithFixedDelay(this::flush, every, every, TimeUnit.MILLISECONDS);
        }
    }

    private void write(List<RefusalWindows.Merged> merged) {
        for (RefusalWindows.Merged refusals : merged) {
            try {
                trail.record(event(refusals));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Cannot audit " + refusals.count() + " refused tokens", e);
            }
        }
    }

    static AuditEvent event(RefusalWindows.Merged refusals) {
        ObjectNode details = JSON.createObjectNode();
        details.put("operation", "authentication");
        details.put("error", "unauthenticated");
        details.put("count", refusals.count());
        details.put("interval_seconds", INTERVAL.toSeconds());
        if (refusals.address() == null) {
            details.put("addresses", "others");
        }
        return new AuditEvent(
                new AuditedCaller(AuditedCaller.ANONYMOUS, Set.of()),
                AuditPurpose.USER_VIEW,
                true,
                AuditAction.READ,
                "api",
                null,
                AuditOutcome.DENIED,
                refusals.address(),
                details.toString());
    }
}
