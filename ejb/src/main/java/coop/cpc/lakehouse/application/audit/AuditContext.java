package coop.cpc.lakehouse.application.audit;

import coop.cpc.lakehouse.catalog.audit.AuditPurpose;
import jakarta.enterprise.context.RequestScoped;

/**
 * Who asks, from where and why, for the calls of one request: set by the inbound adapter (the
 * GraphQL filter), read by the audit interceptor. Outside a request (batch, timers) the purpose
 * is DATA_SYNC and there is no address.
 */
@RequestScoped
public class AuditContext {
    private AuditPurpose purpose = AuditPurpose.USER_VIEW;
    private String sourceAddress;

    public AuditPurpose purpose() {
        return purpose;
    }

    public String sourceAddress() {
        return sourceAddress;
    }

    public void set(AuditPurpose purpose, String sourceAddress) {
        this.purpose = purpose;
        this.sourceAddress = sourceAddress;
    }
}
