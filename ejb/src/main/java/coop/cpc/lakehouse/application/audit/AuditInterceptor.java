package coop.cpc.lakehouse.application.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.cpc.lakehouse.application.LakehouseException;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.audit.AuditOutcome;
import coop.cpc.lakehouse.catalog.audit.AuditPurpose;
import coop.cpc.lakehouse.catalog.job.IngestionJob;
import jakarta.annotation.Priority;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.security.Principal;
import java.util.Collection;
import java.util.UUID;

/**
 * Records every call of an {@link Audited} method: who (pseudonym), why (purpose), what (action,
 * resource type and id), how it ended, and anonymized details — the method, and the counts of
 * what went in and came out, never the values.
 */
@Audited
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class AuditInterceptor {
    private static final ObjectMapper JSON = new ObjectMapper();

    @EJB
    AuditTrail trail;

    @Inject
    Instance<AuditContext> context;

    @Inject
    Principal principal;

    @AroundInvoke
    public Object audit(InvocationContext invocation) throws Exception {
        Audited audited = invocation.getMethod().getAnnotation(Audited.class);
        if (audited == null) {
            audited = invocation.getTarget().getClass().getAnnotation(Audited.class);
        }
        Object result;
        try {
            result = invocation.proceed();
        } catch (LakehouseException e) {
            record(invocation, audited, AuditOutcome.ERROR, null, e.code());
            throw e;
        } catch (SecurityException e) {
            record(invocation, audited, AuditOutcome.DENIED, null, "denied");
            throw e;
        } catch (RuntimeException e) {
            record(invocation, audited, AuditOutcome.ERROR, null, "internal");
            throw e;
        }
        record(invocation, audited, AuditOutcome.SUCCESS, result, null);
        return result;
    }

    private void record(InvocationContext invocation, Audited audited, AuditOutcome outcome, Object result, String error) {
        AuditPurpose purpose = AuditPurpose.DATA_SYNC;
        String address = null;
        try {
            AuditContext request = context.get();
            purpose = request.purpose();
            address = request.sourceAddress();
        } catch (ContextNotActiveException outsideARequest) {
            // Batch jobs and timers: no request, the lakehouse syncs data on its own behalf.
        }
        String user = principal == null ? null : principal.getName();
        ObjectNode details = JSON.createObjectNode();
        details.put("operation", invocation.getMethod().getDeclaringClass().getSimpleName() + "." + invocation.getMethod().getName());
        details.put("arguments", invocation.getParameters() == null ? 0 : invocation.getParameters().length);
        if (result instanceof Collection<?> collection) {
            details.put("resultCount", collection.size());
        }
        if (invocation.getParameters() != null) {
            for (Object argument : invocation.getParameters()) {
                if (argument instanceof Collection<?> many && !many.isEmpty() && many.iterator().next() instanceof UUID) {
                    details.put("resourceCount", many.size());
                }
            }
        }
        if (error != null) {
            details.put("error", error);
        }
        String resource = audited.resource().isEmpty() ? invocation.getMethod().getDeclaringClass().getSimpleName() : audited.resource();
        trail.record(new AuditEvent(user, user == null || "anonymous".equals(user) ? "anonymous" : "user", purpose,
                audited.action(), resource, resourceId(invocation, result), outcome, address, details.toString()));
    }

    /** The id of the resource: the first id argument, else the id of what the call returned. */
    private static String resourceId(InvocationContext invocation, Object result) {
        if (invocation.getParameters() != null) {
            for (Object argument : invocation.getParameters()) {
                if (argument instanceof UUID id) {
                    return id.toString();
                }
            }
        }
        if (result instanceof DataAsset asset) {
            return asset.getId().toString();
        }
        if (result instanceof IngestionJob job) {
            return job.getId().toString();
        }
        return null;
    }
}
