package coop.cpc.lakehouse.web.graphql;

import coop.cpc.lakehouse.application.LakehouseException;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Lets the domain's own failures through (their message and code are meant for the client) and
 * turns anything else into an {@link InternalServerError} with an incident id, logging the cause.
 */
@HidesInternalErrors
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class InternalErrorInterceptor {
    private static final Logger LOG = Logger.getLogger(InternalErrorInterceptor.class.getName());

    @AroundInvoke
    public Object hideInternalErrors(InvocationContext invocation) throws Exception {
        try {
            return invocation.proceed();
        } catch (LakehouseException e) {
            throw e;
        } catch (RuntimeException e) {
            String incident = UUID.randomUUID().toString().substring(0, 8);
            LOG.log(Level.SEVERE, e, () -> "GraphQL operation " + invocation.getMethod().getName()
                    + " failed; incident " + incident);
            throw new InternalServerError(incident);
        }
    }
}
