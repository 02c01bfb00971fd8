package coop.cpc.lakehouse.application.audit;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.catalog.audit.AuditAction;
import jakarta.ejb.Stateless;

/**
 * Records a request refused before it reached any service (a body that is not one JSON GraphQL
 * request, a wrong content type or method): the refusal passes the audit interceptor like any
 * other, so every refusal is in the audit trail.
 */
@Stateless
public class RefusedRequests {

    /** @throws InvalidInputException always, with the reason: the audit trail records it as an error */
    @Audited(action = AuditAction.READ, resource = "graphql_request")
    public void refuse(String reason) throws InvalidInputException {
        throw new InvalidInputException(reason);
    }
}
