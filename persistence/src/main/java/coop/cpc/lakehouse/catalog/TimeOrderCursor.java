package coop.cpc.lakehouse.catalog;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Position after which the next page starts in a list kept in (time, id) order: jobs by created_at,
 * audit entries by occurred_at. The repository that keeps the order says which row a cursor continues after.
 */
public record TimeOrderCursor(Instant at, UUID id) {

    public TimeOrderCursor {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(id, "id");
    }
}
