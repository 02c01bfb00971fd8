package coop.cpc.lakehouse.application.audit;

import coop.cpc.lakehouse.application.security.RequestPurpose;
import coop.cpc.lakehouse.catalog.audit.AuditPurpose;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Who asks, from where and why, for the calls of one request: set by the inbound adapter (the
 * GraphQL filter), read by the audit interceptor. Outside a request (batch, timers) the purpose
 * is DATA_SYNC and there is no address. Also remembers which failures of the request the trail
 * already holds, so the web layer records only the refusals no service saw.
 */
@RequestScoped
public class AuditContext implements RequestPurpose {
    private AuditPurpose purpose = AuditPurpose.USER_VIEW;
    private boolean declared;
    private String sourceAddress;
    private final Set<Throwable> audited = Collections.newSetFromMap(new IdentityHashMap<>());

    /**
     * The current request's context, or null outside a request (batch jobs and timers: the lakehouse acting on
     * its own behalf, purpose DATA_SYNC, no address).
     */
    static AuditContext current(Instance<AuditContext> context) {
        try {
            AuditContext request = context.get();
            // Touching the client proxy finds out whether a request is active.
            request.purpose();
            return request;
        } catch (ContextNotActiveException outsideARequest) {
            return null;
        }
    }

    @Override
    public AuditPurpose purpose() {
        return purpose;
    }

    /** Whether the caller chose the purpose (a header), rather than getting the default. */
    public boolean declared() {
        return declared;
    }

    public String sourceAddress() {
        return sourceAddress;
    }

    /** @param declared whether the caller named the purpose itself */
    public void set(AuditPurpose purpose, boolean declared, String sourceAddress) {
        this.purpose = purpose;
        this.declared = declared;
        this.sourceAddress = sourceAddress;
    }

    void markAudited(Throwable failure) {
        audited.add(failure);
    }

    /** Whether the failure, or one of its causes, is already in the trail. */
    public boolean audited(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (audited.contains(t)) {
                return true;
            }
        }
        return false;
    }
}
