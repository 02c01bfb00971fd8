package coop.cpc.lakehouse.web.graphql.dto;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("AuditEntryConnection")
@Description("One page of audit entries in (occurredAt, id) order.")
public record AuditEntryConnection(
        @NonNull List<@NonNull AuditEntry> nodes, @NonNull PageInfo pageInfo) {}
