package coop.cpc.lakehouse.web.graphql.dto;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("IngestionJobConnection")
@Description("One page of ingestion jobs, oldest first.")
public record IngestionJobConnection(
        @NonNull List<@NonNull IngestionJob> nodes, @NonNull PageInfo pageInfo) {}
