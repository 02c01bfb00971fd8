package coop.cpc.lakehouse.web.graphql;

import coop.cpc.lakehouse.application.ForbiddenException;
import coop.cpc.lakehouse.application.LakehouseException;
import coop.cpc.lakehouse.application.audit.AuditContext;
import coop.cpc.lakehouse.application.audit.AuditTrail;
import coop.cpc.lakehouse.catalog.audit.AuditAction;
import jakarta.annotation.Priority;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.graphql.Mutation;

/**
 * Lets the domain's own failures through (their message and code are meant for the client),
 * turns an authorization refusal into {@link ForbiddenException} ({@code forbidden}, no detail),
 * and anything else into an {@link InternalServerError} with an incident id, logging the cause.
 * A refusal that no audited service recorded (a bad value parsed here, a role the container
 * refused) is recorded here, so every refusal is in the audit trail.
 */
@HidesInternalErrors
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class InternalErrorInterceptor {
    private static final Logger LOG = Logger.getLogger(InternalErrorInterceptor.class.getName());

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
            String incident = UUID.randomUUID().toString().substring(0, 8);
            LOG.log(Level.SEVERE, e, () -> "GraphQL operation " + invocation.getMethod().getName()
                    + " failed; incident " + incident);
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
        AuditAction action = invocation.getMethod().isAnnotationPresent(Mutation.class) ? AuditAction.WRITE : AuditAction.READ;
        trail.refused(invocation.getMethod().getDeclaringClass().getSimpleName() + "." + invocation.getMethod().getName(),
                action, code);
    }
}
