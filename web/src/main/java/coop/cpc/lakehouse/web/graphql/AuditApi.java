package coop.cpc.lakehouse.web.graphql;

import coop.cpc.lakehouse.application.audit.AuditVerification;
import coop.cpc.lakehouse.web.graphql.dto.AuditChainStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

/** The audit trail: verification of its hash chain. */
@GraphQLApi
@HidesInternalErrors
@Authorized
@ApplicationScoped
public class AuditApi {

    @Inject
    AuditChainOnce chain;

    @Query("auditChain")
    @Description("Recomputes every audit entry's hash and link; counts every entry that does not verify and names "
            + "the first " + AuditVerification.LISTED_BROKEN_ENTRIES
            + " (firstBrokenEntryId the oldest). With head (a chain "
            + "head the server logged earlier, 'Audit chain head: ...'), also checks that it is still in the chain: "
            + "if not, the chain is not intact and publishedHeadMissing is true. Computed once per request, however "
            + "often the "
            + "query names it; one request names at most one head.")
    public @NonNull AuditChainStatus auditChain(
            @Name("head") @Description("The hash of a chain head logged earlier; optional") String head)
            throws coop.cpc.lakehouse.application.InvalidInputException {
        AuditVerification result = chain.verify(head);
        return new AuditChainStatus(
                result.intact(),
                result.entriesChecked(),
                result.firstBrokenEntryId(),
                result.brokenEntries(),
                result.brokenEntryIds(),
                result.publishedHeadMissing());
    }
}
