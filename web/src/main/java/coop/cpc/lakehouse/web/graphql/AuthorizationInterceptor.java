package coop.cpc.lakehouse.web.graphql;

import coop.cpc.lakehouse.application.observability.LakehouseMetrics;
import coop.cpc.lakehouse.application.security.ForbiddenException;
import coop.cpc.lakehouse.application.security.OperationGate;
import coop.cpc.lakehouse.application.security.UnauthenticatedException;
import jakarta.annotation.Priority;
import jakarta.ejb.EJBAccessException;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Sends every GraphQL operation through the {@link OperationGate} EJB before it runs, and turns the
 * container's refusal into the API's errors: {@code unauthenticated} without a valid token,
 * {@code forbidden} otherwise. A method that serves no operation is refused too (fail closed). Times
 * every operation it lets run (the per-operation GraphQL latency metric).
 */
@Authorized
@Interceptor
@Priority(Interceptor.Priority.APPLICATION + 10)
public class AuthorizationInterceptor {

    @Inject
    OperationGate gate;

    @Inject
    LakehouseMetrics metrics;

    @AroundInvoke
    public Object authorize(InvocationContext invocation) throws Exception {
        String operation = GraphQlOperations.nameOf(invocation.getMethod());
        if (operation == null) {
            throw new ForbiddenException();
        }
        try {
            gate.enter(operation);
        } catch (EJBAccessException e) {
            throw gate.authenticated() ? new ForbiddenException() : new UnauthenticatedException();
        }
        long started = System.nanoTime();
        boolean failed = true;
        try {
            Object result = invocation.proceed();
            failed = false;
            return result;
        } finally {
            metrics.graphqlRequest(operation, failed, System.nanoTime() - started);
        }
    }
}
