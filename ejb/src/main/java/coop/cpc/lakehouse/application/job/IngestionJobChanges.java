package coop.cpc.lakehouse.application.job;

import coop.cpc.lakehouse.application.source.SourceSettings;
import coop.cpc.lakehouse.catalog.job.ScheduleKind;
import java.util.UUID;

/**
 * What {@link IngestionJobService#update} changes; a null field is left as it is. The source may
 * be replaced by one of the same kind only.
 *
 * @param expectedVersion the version the caller read (optimistic locking)
 */
public record IngestionJobChanges(
        long expectedVersion,
        String name,
        SourceSettings source,
        UUID targetAssetId,
        Integer maxErrors,
        Integer chunkSize,
        ScheduleKind schedule,
        String scheduleExpression) {}
