package coop.cpc.lakehouse.application.job;

import coop.cpc.lakehouse.application.source.SourceSettings;
import coop.cpc.lakehouse.catalog.job.ScheduleKind;
import java.util.UUID;

/**
 * What {@link IngestionJobService#create} needs.
 *
 * @param targetAssetId the asset the rows go to; required for every source but sled (whose trees each get an asset)
 * @param maxErrors     rejected records a run tolerates before it fails (null: 10)
 * @param chunkSize     rows per chunk and checkpoint (null: 10,000; 1 to 100,000)
 * @param schedule      null: MANUAL. INTERVAL takes an ISO-8601 duration of at least a minute ({@code PT15M});
 *                      CRON five fields: minute hour day-of-month month day-of-week ({@code 0 2 * * *})
 */
public record NewIngestionJob(
        String name,
        SourceSettings source,
        UUID targetAssetId,
        Integer maxErrors,
        Integer chunkSize,
        ScheduleKind schedule,
        String scheduleExpression) {}
