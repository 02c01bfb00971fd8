package coop.cpc.lakehouse.web.graphql;

import coop.cpc.lakehouse.application.audit.AuditService;
import coop.cpc.lakehouse.application.audit.AuditVerification;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The audit chain's verification, computed at most once per request: it recomputes every entry's
 * hash, so a query that names {@code auditChain} under many aliases must not multiply that work.
 */
@RequestScoped
public class AuditChainOnce {

    @Inject
    AuditService audit;

    private final Map<String, AuditVerification> results = new HashMap<>();

    /** @param publishedHead a chain head published earlier, or null: verified once per request and head */
    public synchronized AuditVerification verify(String publishedHead) {
        String key = Objects.toString(publishedHead, "");
        AuditVerification result = results.get(key);
        if (result == null) {
            result = audit.verify(publishedHead);
            results.put(key, result);
        }
        return result;
    }
}
