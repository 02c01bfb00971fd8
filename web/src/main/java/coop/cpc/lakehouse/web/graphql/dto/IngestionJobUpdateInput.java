package coop.cpc.lakehouse.web.graphql.dto;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("IngestionJobUpdateInput")
@Description("Changes to an ingestion job; a field left out stays as it is. At most one source, of the job's own kind.")
public record IngestionJobUpdateInput(
        @NonNull @Description("The version read; the update fails with stale-version otherwise")
        Long expectedVersion,

        String name,
        @Id String targetAssetId,
        Integer maxErrors,
        Integer chunkSize,
        ScheduleKind schedule,
        String scheduleExpression,
        PostgresTableSourceInput postgresTable,
        SledSourceInput sled,
        HttpApiSourceInput httpApi,
        FileDropSourceInput fileDrop) {}
