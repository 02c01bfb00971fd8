package coop.cpc.lakehouse.web.graphql;

import coop.cpc.lakehouse.application.LakehouseException;
import coop.cpc.lakehouse.application.audit.AuditContext;
import coop.cpc.lakehouse.application.audit.AuditTrail;
import coop.cpc.lakehouse.application.security.ForbiddenException;
import coop.cpc.lakehouse.application.table.StorageNotOwnedException;
import jakarta.annotation.Priority;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Parameter;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.eclipse.microprofile.graphql.Name;

/**
 * Lets the domain's own failures through (their message and code are meant for the client),
 * turns an authorization refusal into {@link ForbiddenException} ({@code forbidden}, no detail), a write the
 * segment folder refused (another catalog's, wrapped in a runtime failure on its way) into
 * {@link StorageNotOwnedException} ({@code storage-not-owned}),
 * and anything else into an {@link InternalServerError} with an incident id, logging the cause.
 * A refusal that no audited service recorded (a bad value parsed here, a role the container
 * refused) is recorded here, so every refusal is in the audit trail.
 */
@HidesInternalErrors
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class InternalErrorInterceptor {
    private static final Logger LOG = Logger.getLogger(InternalErrorInterceptor.class.getName());
    /** Arguments naming the resource a call is about: an asset, a job or a stream ({@code id}), or a run. */
    private static final Set<String> RESOURCE_ID_ARGUMENTS = Set.of("id", "assetId", "executionId");

    private static final Pattern EXECUTION_ID = Pattern.compile("[0-9]{1,19}");

    @EJB
    AuditTrail trail;

    @Inject
    Instance<AuditContext> context;

    @AroundInvoke
    public Object hideInternalErrors(InvocationContext invocation) throws Exception {
        try {
            return invocation.proceed();
        } catch (LakehouseException e) {
            auditRefusal(invocation, e, e.code());
            throw e;
        } catch (EJBAccessException e) {
            auditRefusal(invocation, e, "forbidden");
            throw new ForbiddenException();
        } catch (RuntimeException e) {
            Optional<StorageNotOwnedException> notOwned = StorageNotOwnedException.causing(e);
            if (notOwned.isPresent()) {
                // The failure as thrown: the service that audited it marked that one, not the exception made here.
                auditRefusal(invocation, e, notOwned.get().code());
                throw notOwned.get();
            }
            String incident = UUID.randomUUID().toString().substring(0, 8);
            LOG.log(
                    Level.SEVERE,
                    e,
                    () -> "GraphQL operation " + invocation.getMethod().getName() + " failed; incident " + incident);
            throw new InternalServerError(incident);
        }
    }

    private void auditRefusal(InvocationContext invocation, Exception refusal, String code) {
        try {
            if (context.get().audited(refusal)) {
                return;
            }
        } catch (ContextNotActiveException outsideARequest) {
            // No request context: nothing can have marked it, record it.
        }
        String method = invocation.getMethod().getName();
        RefusalTargets.Target target = RefusalTargets.of(invocation.getMethod());
        trail.refused(
                invocation.getMethod().getDeclaringClass().getSimpleName() + "." + method,
                target.action(),
                target.resourceType(),
                code,
                resourceId(invocation));
    }

    /**
     * The id the refused call named (argument {@code id}, {@code assetId} or {@code executionId}), so its entry sits
     * with the resource's others; only if it is one (a UUID, in its canonical form, or an execution id of 1 to 19
     * digits): anything else a caller typed there (a name, a birth date) is not kept in the trail.
     */
    private static String resourceId(InvocationContext invocation) {
        Parameter[] parameters = invocation.getMethod().getParameters();
        Object[] values = invocation.getParameters();
        for (int i = 0; i < parameters.length && i < values.length; i++) {
            Name name = parameters[i].getAnnotation(Name.class);
            if (name != null && RESOURCE_ID_ARGUMENTS.contains(name.value()) && values[i] instanceof String id) {
                return name.value().equals("executionId") ? executionId(id) : uuid(id);
            }
        }
        return null;
    }

    private static String executionId(String id) {
        return EXECUTION_ID.matcher(id).matches() ? id : null;
    }

    private static String uuid(String id) {
        if (id.length() > 36) {
            return null;
        }
        try {
            return UUID.fromString(id).toString();
        } catch (IllegalArgumentException notAUuid) {
            return null;
        }
    }
}
