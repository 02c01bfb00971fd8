package coop.cpc.lakehouse.application.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.cpc.lakehouse.application.LakehouseException;
import coop.cpc.lakehouse.application.Page;
import coop.cpc.lakehouse.catalog.asset.DataAsset;
import coop.cpc.lakehouse.catalog.audit.AuditAction;
import coop.cpc.lakehouse.catalog.audit.AuditOutcome;
import coop.cpc.lakehouse.catalog.audit.AuditPurpose;
import coop.cpc.lakehouse.catalog.job.IngestionJob;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records every call of an {@link Audited} method: who (pseudonym and roles), why (purpose), what
 * (action, resource type and id, operation), how it ended, and anonymized details — the counts
 * of what went in and came out, never the values. A purpose the caller's roles may not use is
 * refused (DENIED) before the call runs. In a transaction the entry is written once the
 * transaction has ended, with its real outcome: a call that returned but whose commit failed is
 * FAILED, not SUCCESS.
 */
@Audited
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class AuditInterceptor {
    private static final Logger LOG = Logger.getLogger(AuditInterceptor.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    @EJB
    AuditTrail trail;

    @EJB
    AuditedCallers callers;

    @Inject
    Instance<AuditContext> context;

    @Inject
    Instance<RequestAuditEntries> heldEntries;

    // Injected, not looked up in JNDI on every audited call (the lookup showed in the rows profile).
    @Resource
    TransactionSynchronizationRegistry registry;

    @AroundInvoke
    public Object audit(InvocationContext invocation) throws Exception {
        Audited audited = invocation.getMethod().getAnnotation(Audited.class);
        if (audited == null) {
            audited = invocation.getTarget().getClass().getAnnotation(Audited.class);
        }
        AuditedCaller caller = caller();
        AuditContext request = AuditContext.current(context);
        AuditPurpose purpose = request == null ? AuditPurpose.DATA_SYNC : request.purpose();
        boolean purposeAllowed = request == null || !request.declared() || PurposeRules.allows(caller.roles(), purpose);
        Call call = new Call(
                invocation,
                audited,
                caller,
                purpose,
                purposeAllowed,
                request != null && request.declared(),
                request == null ? null : request.sourceAddress());
        if (!purposeAllowed) {
            EJBAccessException refusal = new EJBAccessException("forbidden purpose");
            trail.record(call.event(AuditOutcome.DENIED, null, "forbidden"));
            request.markAudited(refusal);
            throw refusal;
        }
        Object result = null;
        Exception failure = null;
        try {
            result = invocation.proceed();
            return result;
        } catch (Exception e) {
            failure = e;
            if (request != null) {
                request.markAudited(e);
            }
            throw e;
        } finally {
            recordWhenTheTransactionEnds(call, result, failure);
        }
    }

    private void recordWhenTheTransactionEnds(Call call, Object result, Exception failure) {
        if (registry != null && registry.getTransactionKey() != null) {
            try {
                registry.registerInterposedSynchronization(new Synchronization() {
                    @Override
                    public void beforeCompletion() {
                        // The outcome is known only after completion.
                    }

                    @Override
                    public void afterCompletion(int status) {
                        write(call, result, failure, status == Status.STATUS_COMMITTED);
                    }
                });
                return;
            } catch (IllegalStateException notActive) {
                // Marked for rollback or completing already: it will not commit.
                write(call, result, failure, false);
                return;
            }
        }
        write(call, result, failure, true);
    }

    private void write(Call call, Object result, Exception failure, boolean committed) {
        AuditEvent event;
        if (failure instanceof EJBAccessException || failure instanceof SecurityException) {
            event = call.refusal("forbidden");
        } else if (failure instanceof LakehouseException e && AuditTrail.DENIAL_CODES.contains(e.code())) {
            // A refusal made inside the service (the rows a caller may not read): DENIED, naming the caller as
            // every refusal does, whatever purpose it declared (AuditTrail.refused records the same).
            event = call.refusal(e.code());
        } else if (failure instanceof LakehouseException e) {
            event = call.event(AuditOutcome.ERROR, null, e.code());
        } else if (failure != null) {
            event = call.event(AuditOutcome.ERROR, null, "internal");
        } else if (committed) {
            event = call.event(AuditOutcome.SUCCESS, result, null);
        } else {
            event = call.event(AuditOutcome.FAILED, result, "rolled-back");
        }
        try {
            // Held here, not in the trail: an entry a read-only request holds costs no call of the trail's bean.
            RequestAuditEntries.record(heldEntries, event, trail::recordAll);
        } catch (RuntimeException e) {
            LOG.log(
                    Level.SEVERE,
                    e,
                    () -> "Could not append to the audit trail: " + event.action() + " " + event.resourceType() + " "
                            + event.outcome());
            throw e;
        }
    }

    private AuditedCaller caller() {
        return callers.current();
    }

    /**
     * What is known of a call before it runs, copied out of the invocation context: the container
     * may reuse that context once the call has returned, before the transaction ends.
     */
    private record Call(
            String operation,
            int arguments,
            Integer resourceCount,
            List<String> resourceIds,
            String argumentId,
            AuditAction action,
            String resource,
            AuditedCaller caller,
            AuditPurpose purpose,
            boolean purposeAllowed,
            boolean declared,
            String address,
            String channel) {

        Call(
                InvocationContext invocation,
                Audited audited,
                AuditedCaller caller,
                AuditPurpose purpose,
                boolean purposeAllowed,
                boolean declared,
                String address) {
            this(
                    AuditInterceptor.operation(invocation),
                    invocation.getParameters() == null ? 0 : invocation.getParameters().length,
                    AuditInterceptor.resourceCount(invocation),
                    AuditInterceptor.resourceIds(invocation),
                    AuditInterceptor.argumentId(invocation),
                    audited.action(),
                    audited.resource().isEmpty()
                            ? invocation.getMethod().getDeclaringClass().getSimpleName()
                            : audited.resource(),
                    caller,
                    purpose,
                    purposeAllowed,
                    declared,
                    address,
                    ManagementCaller.current() == null ? null : ManagementCaller.JMX);
        }

        /** A refusal: DENIED, and accountable (pseudonym and network kept) when a purpose was declared. */
        AuditEvent refusal(String code) {
            AuditEvent event = event(AuditOutcome.DENIED, null, code);
            return new AuditEvent(
                    event.caller(),
                    event.purpose(),
                    !declared,
                    event.action(),
                    event.resourceType(),
                    event.resourceId(),
                    event.outcome(),
                    event.sourceAddress(),
                    event.details());
        }

        AuditEvent event(AuditOutcome outcome, Object result, String error) {
            ObjectNode details = JSON.createObjectNode();
            details.put("operation", operation);
            details.put("arguments", arguments);
            if (result instanceof Collection<?> collection) {
                details.put("resultCount", collection.size());
            } else if (result instanceof Page<?> page) {
                details.put("resultCount", page.items().size());
            } else if (result instanceof Map<?, ?> map
                    && map.values().stream().allMatch(Collection.class::isInstance)) {
                // Lists read for several resources at once (snapshots, segments by asset): their items.
                details.put(
                        "resultCount",
                        map.values().stream()
                                .mapToLong(list -> ((Collection<?>) list).size())
                                .sum());
            }
            if (resourceCount != null) {
                details.put("resourceCount", resourceCount);
            }
            List<String> allIds = withResultIds(resourceIds, result);
            if (allIds != null) {
                var ids = details.putArray("resourceIds");
                allIds.forEach(ids::add);
            }
            if (result instanceof AuditedResult described) {
                described.auditDetails().forEach((name, value) -> details.putIfAbsent(name, JSON.valueToTree(value)));
            }
            if (error != null) {
                details.put("error", error);
            }
            if (channel != null) {
                details.put("channel", channel);
            }
            return new AuditEvent(
                    caller,
                    purpose,
                    purposeAllowed,
                    action,
                    resource,
                    argumentId != null ? argumentId : resultId(result),
                    outcome,
                    address,
                    details.toString());
        }
    }

    static String operation(InvocationContext invocation) {
        return invocation.getMethod().getDeclaringClass().getSimpleName() + "."
                + invocation.getMethod().getName();
    }

    private static Integer resourceCount(InvocationContext invocation) {
        Integer count = null;
        if (invocation.getParameters() != null) {
            for (Object argument : invocation.getParameters()) {
                if (argument instanceof Collection<?> many
                        && !many.isEmpty()
                        && many.iterator().next() instanceof UUID) {
                    count = many.size();
                } else if (argument instanceof Map<?, ?> byId && keyedById(byId)) {
                    count = byId.size();
                }
            }
        }
        return count;
    }

    /** The most ids of a map argument keyed by id, or of a list of ids, that an entry lists. */
    static final int MAX_RESOURCE_IDS = 100;

    /**
     * The ids of a map argument keyed by resource id (changes per asset) or of a collection of ids (the assets a
     * batched read loads): which resources the call touched.
     */
    static List<String> resourceIds(InvocationContext invocation) {
        if (invocation.getParameters() != null) {
            for (Object argument : invocation.getParameters()) {
                Collection<?> ids = argument instanceof Map<?, ?> byId && keyedById(byId)
                        ? byId.keySet()
                        : argument instanceof Collection<?> many
                                        && !many.isEmpty()
                                        && many.iterator().next() instanceof UUID
                                ? many
                                : argument instanceof AuditedArgument named
                                                && !named.auditIds().isEmpty()
                                        ? named.auditIds()
                                        : null;
                if (ids != null) {
                    return ids.stream()
                            .limit(MAX_RESOURCE_IDS)
                            .map(Object::toString)
                            .toList();
                }
            }
        }
        return null;
    }

    /**
     * The arguments' ids then those of an {@link AuditedResult}'s {@code resourceIds} detail not among them, at most
     * {@value #MAX_RESOURCE_IDS}; null when neither names any.
     */
    static List<String> withResultIds(List<String> argumentIds, Object result) {
        Object fromResult = result instanceof AuditedResult described
                ? described.auditDetails().get("resourceIds")
                : null;
        if (!(fromResult instanceof Collection<?> more) || more.isEmpty()) {
            return argumentIds;
        }
        List<String> all = argumentIds == null ? new ArrayList<>() : new ArrayList<>(argumentIds);
        for (Object id : more) {
            if (all.size() < MAX_RESOURCE_IDS && id != null && !all.contains(id.toString())) {
                all.add(id.toString());
            }
        }
        return all;
    }

    private static boolean keyedById(Map<?, ?> map) {
        return !map.isEmpty() && map.keySet().iterator().next() instanceof UUID;
    }

    /**
     * The id of the resource: the one key of a map argument keyed by id (the resources a call changes; its
     * other id arguments name a job or a run), else the argument marked {@link AuditedId} (a job execution's
     * number), else the first id argument, else (see {@link #resultId}) the id of what the call returned.
     */
    static String argumentId(InvocationContext invocation) {
        if (invocation.getParameters() != null) {
            for (Object argument : invocation.getParameters()) {
                if (argument instanceof Map<?, ?> byId && keyedById(byId) && byId.size() == 1) {
                    return byId.keySet().iterator().next().toString();
                }
            }
            String marked = markedId(invocation);
            if (marked != null) {
                return marked;
            }
            for (Object argument : invocation.getParameters()) {
                if (argument instanceof UUID id) {
                    return id.toString();
                }
            }
        }
        return null;
    }

    /** The value of the argument marked {@link AuditedId}, or null when none is marked or it is null. */
    private static String markedId(InvocationContext invocation) {
        if (invocation.getMethod() == null) {
            return null;
        }
        Annotation[][] marks = invocation.getMethod().getParameterAnnotations();
        Object[] arguments = invocation.getParameters();
        for (int i = 0; i < marks.length && i < arguments.length; i++) {
            for (Annotation mark : marks[i]) {
                if (mark instanceof AuditedId && arguments[i] != null) {
                    return arguments[i].toString();
                }
            }
        }
        return null;
    }

    /** The id of what the call returned: an asset, a job, or what an {@link AuditedResult} says it wrote. */
    static String resultId(Object result) {
        if (result instanceof DataAsset asset) {
            return asset.getId().toString();
        }
        if (result instanceof AuditedResult described) {
            return described.auditResourceId();
        }
        if (result instanceof IngestionJob job) {
            return job.getId().toString();
        }
        return null;
    }
}
