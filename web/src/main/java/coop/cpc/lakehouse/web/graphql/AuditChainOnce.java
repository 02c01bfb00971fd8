package coop.cpc.lakehouse.web.graphql;

import coop.cpc.lakehouse.application.audit.AuditService;
import coop.cpc.lakehouse.application.audit.AuditVerification;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/**
 * The audit chain's verification, computed at most once per request: it recomputes every entry's
 * hash, so a query that names {@code auditChain} under many aliases must not multiply that work.
 */
@RequestScoped
public class AuditChainOnce {

    @Inject
    AuditService audit;

    private AuditVerification result;

    public synchronized AuditVerification verify() {
        if (result == null) {
            result = audit.verify();
        }
        return result;
    }
}
