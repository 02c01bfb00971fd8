package coop.cpc.lakehouse.web.graphql.dto;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("IngestionJob")
@Description("A job that ingests data from a source into an asset. Its source settings name credentials only by alias.")
public record IngestionJob(
        @NonNull @Id String id,
        @NonNull String name,
        @NonNull SourceType sourceType,
        String targetAssetId,
        @NonNull ScheduleKind schedule,
        String scheduleExpression,
        @NonNull JobStatus status,
        @Description("The last Jakarta Batch execution id") Long lastExecutionId,
        OffsetDateTime lastRunAt,
        OffsetDateTime nextRunAt,

        @Description("The last tick of the schedule that started no run (skipped or failed), while no run has started"
                + " since; null once one starts, or when the schedule is cancelled or replaced. Kept in the server's"
                + " memory: none after a restart until a tick is missed again")
        MissedTick lastMissedTick,

        long rowsIngested,
        long errorCount,
        int maxErrors,
        @NonNull OffsetDateTime createdAt,

        @Description("Rows per chunk (and checkpoint) of a run")
        int chunkSize,

        @Description("Optimistic-lock version; pass it as expectedVersion to updateIngestionJob")
        long version,

        @NonNull @Description("JSON of the source settings, with a kind field; credentials only by alias")
        String sourceConfig) {}
