package coop.cpc.lakehouse.web.graphql;

import coop.cpc.lakehouse.application.InvalidInputException;
import coop.cpc.lakehouse.application.audit.AuditService;
import coop.cpc.lakehouse.application.audit.AuditVerification;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/**
 * The audit chain's verification, computed at most once per request: it recomputes every entry's
 * hash, so a query that names {@code auditChain} under many aliases must not multiply that work. One
 * request may therefore ask about one published head (or none) only.
 */
@RequestScoped
public class AuditChainOnce {

    @Inject
    AuditService audit;

    private AuditVerification result;
    private String head;

    /**
     * @param publishedHead a chain head published earlier, or null
     * @throws InvalidInputException when the request asked about another head already
     */
    public synchronized AuditVerification verify(String publishedHead) throws InvalidInputException {
        if (publishedHead != null && !publishedHead.matches("[0-9a-f]{64}")) {
            throw new InvalidInputException("head must be the 64 lower-case hex digits of a logged chain head");
        }
        if (result == null) {
            result = audit.verify(publishedHead);
            head = publishedHead;
        } else if (!java.util.Objects.equals(head, publishedHead)) {
            throw new InvalidInputException(
                    "head: one request verifies the audit chain once, against one head; ask about another head in"
                            + " another request");
        }
        return result;
    }
}
