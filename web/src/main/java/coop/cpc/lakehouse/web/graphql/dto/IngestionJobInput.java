package coop.cpc.lakehouse.web.graphql.dto;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("IngestionJobInput")
@Description("A new ingestion job: give exactly one of postgresTable, sled, httpApi, fileDrop.")
public record IngestionJobInput(
        @NonNull String name,

        @Id @Description("Required for postgresTable, httpApi and fileDrop; not for sled")
        String targetAssetId,

        @Description("Rejected records tolerated per run; default 10")
        Integer maxErrors,

        @Description("Rows per chunk (and checkpoint), 1 to 100000; default 10000")
        Integer chunkSize,

        @Description("Default MANUAL") ScheduleKind schedule,

        @Description("INTERVAL: ISO-8601 duration (PT15M); CRON: five fields (0 2 * * *)")
        String scheduleExpression,

        PostgresTableSourceInput postgresTable,
        SledSourceInput sled,
        HttpApiSourceInput httpApi,
        FileDropSourceInput fileDrop) {}
