package coop.cpc.lakehouse.web.graphql.dto;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("ChangeConnection")
@Description("A page of an asset's change feed between two snapshots, in commit order.")
public record ChangeConnection(
        @NonNull List<@NonNull RowColumn> columns,
        @NonNull List<@NonNull RowChange> changes,

        @Id @Description("The start of the range (exclusive); null for the asset's beginning")
        String fromSnapshot,

        @Id
        @Description("The end of the range (inclusive): pass it as the next fromSnapshot to resume the feed; "
                + "null when the asset has no snapshot")
        String toSnapshot,

        @NonNull PageInfo pageInfo) {}
