package coop.cpc.lakehouse.web.graphql.engine;

import coop.cpc.lakehouse.application.audit.AuditTrail;
import coop.cpc.lakehouse.catalog.audit.AuditAction;
import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import io.smallrye.graphql.api.Context;
import io.smallrye.graphql.spi.EventingService;
import jakarta.enterprise.inject.spi.BeanManager;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Audits the GraphQL requests SmallRye refuses before any API method runs: a query that does not
 * validate ({@code invalid-query}), or one over the depth or complexity limits ({@code limit-exceeded}).
 * A query that does not parse or is over the token limit never reaches the engine: {@code GraphQlRequestFilter}
 * refuses and audits it with the same codes. Refusals inside API methods are audited by the services and by
 * {@code InternalErrorInterceptor}. The query text is never recorded (it may carry values).
 */
public class RefusedQueryAudit implements EventingService {
    private static final Logger LOG = Logger.getLogger(RefusedQueryAudit.class.getName());

    @Override
    public String getConfigKey() {
        // Always on: auditing refusals is not optional.
        return null;
    }

    @Override
    public void afterExecute(Context context) {
        String code = refusal(context.unwrap(ExecutionResult.class));
        if (code != null) {
            trail().refused("graphql", AuditAction.READ, code);
        }
    }

    /** The refusal code of a result that SmallRye or graphql-java refused before running it, else null. */
    static String refusal(ExecutionResult result) {
        if (result == null) {
            return null;
        }
        String code = null;
        for (GraphQLError error : result.getErrors()) {
            ErrorClassification type = error.getErrorType();
            if (type == ErrorType.ExecutionAborted) {
                return "limit-exceeded";
            }
            if (type == ErrorType.ValidationError
                    || type == ErrorType.InvalidSyntax
                    || type == ErrorType.OperationNotSupported) {
                code = "invalid-query";
            }
        }
        return code;
    }

    private static AuditTrail trail() {
        try {
            // The WAR's own BeanManager (see WarBeanLookupService): the request thread is the WAR's.
            BeanManager beans = InitialContext.doLookup("java:comp/BeanManager");
            return beans.createInstance().select(AuditTrail.class).get();
        } catch (NamingException e) {
            LOG.log(Level.SEVERE, "No CDI BeanManager to reach the audit trail", e);
            throw new IllegalStateException("The audit trail is not reachable", e);
        }
    }
}
