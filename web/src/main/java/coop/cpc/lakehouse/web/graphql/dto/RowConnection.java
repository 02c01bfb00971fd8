package coop.cpc.lakehouse.web.graphql.dto;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("RowConnection")
@Description("A page of an asset's rows at one snapshot.")
public record RowConnection(
        @NonNull List<@NonNull RowColumn> columns,
        @NonNull List<@NonNull Row> rows,

        @Id @Description("The snapshot read; null when the asset had no data then")
        String snapshotId,

        @NonNull PageInfo pageInfo) {}
