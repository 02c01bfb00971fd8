package coop.cpc.lakehouse.web.graphql.dto;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("LineageEdge")
@Description("Data flowing from one node to another, by an ingestion or a transformation.")
public record LineageEdge(
        @NonNull @Id String id,
        @NonNull @Description("id of the source node") String from,
        @NonNull @Description("id of the target node") String to,
        @NonNull @Description("e.g. INGEST") String transformation,
        @Id String jobId,
        @Id @Description("the first run's execution") String executionId,

        @NonNull @Description("JSON array of {column, sourceField, derivation}, as the latest run recorded them")
        String columnMappings,

        @NonNull @Description("when the first run recorded the edge")
        OffsetDateTime createdAt,

        @Description("how many runs recorded the edge (a repeat of a derivation is counted, not added)")
        long runs,

        @Id @Description("the latest run's execution") String lastExecutionId,

        @NonNull @Description("when the latest run recorded the edge")
        OffsetDateTime lastRecordedAt) {}
