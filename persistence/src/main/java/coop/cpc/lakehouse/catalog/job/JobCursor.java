package coop.cpc.lakehouse.catalog.job;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** Position after which the next page of jobs starts, in (created_at, id) order. */
public record JobCursor(Instant createdAt, UUID id) {

    public JobCursor {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(id, "id");
    }

    /** The cursor that continues after the given job. */
    public static JobCursor after(IngestionJob job) {
        return new JobCursor(job.getCreatedAt(), job.getId());
    }
}
