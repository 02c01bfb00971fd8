package coop.cpc.lakehouse.web.graphql.dto;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Type;

@Type("AuditChainStatus")
@Description("Whether the audit trail's hash chain is intact, oldest remaining entry first.")
public record AuditChainStatus(boolean intact, long entriesChecked, String firstBrokenEntryId) {}
