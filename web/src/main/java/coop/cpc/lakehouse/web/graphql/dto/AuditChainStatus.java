package coop.cpc.lakehouse.web.graphql.dto;

import coop.cpc.lakehouse.application.audit.AuditVerification;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("AuditChainStatus")
@Description("Whether the audit trail's hash chain is intact, oldest remaining entry first: the whole trail is "
        + "walked, every entry that does not verify is counted and the first "
        + AuditVerification.LISTED_BROKEN_ENTRIES + " are named.")
public record AuditChainStatus(
        boolean intact,

        @Description("The entries walked: every entry of the trail, broken ones included")
        long entriesChecked,

        @Description("The oldest entry that does not verify, or null")
        String firstBrokenEntryId,

        @Description("How many entries do not verify (hash, link, or a field holding U+001F)")
        long brokenEntries,

        @Description("The ids of the first " + AuditVerification.LISTED_BROKEN_ENTRIES
                + " entries that do not verify, oldest first")
        @NonNull
        List<@NonNull String> brokenEntryIds,

        @Description("Whether the head asked about (head:) is neither in the chain nor the latest purge's anchor")
        boolean publishedHeadMissing) {}
