package coop.cpc.lakehouse.catalog.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Position after which the next page of audit entries starts, in (occurred_at, id) order. */
public record AuditLogCursor(Instant occurredAt, UUID id) {

    public AuditLogCursor {
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(id, "id");
    }

    public static AuditLogCursor after(AuditLogEntry entry) {
        return new AuditLogCursor(entry.getOccurredAt(), entry.getId());
    }
}
