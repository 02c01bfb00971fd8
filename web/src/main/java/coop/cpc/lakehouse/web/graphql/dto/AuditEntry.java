package coop.cpc.lakehouse.web.graphql.dto;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("AuditEntry")
@Description("One audited call: who (a keyed pseudonym, never the name; null where the purpose drops it), "
        + "with which roles, why, what, how it ended; details hold names and counts, never values.")
public record AuditEntry(
        @NonNull String id,
        @NonNull OffsetDateTime occurredAt,
        String pseudonym,
        String roles,
        @NonNull String purpose,
        @NonNull String action,
        @NonNull String resourceType,
        String resourceId,
        @NonNull String outcome,

        @Description("the caller's network, reduced by purpose")
        String sourceNetwork,

        @NonNull @Description("JSON object: operation, counts, error code")
        String details,

        String prevHash,
        @NonNull String hash) {}
