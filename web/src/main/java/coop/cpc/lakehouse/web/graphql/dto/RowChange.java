package coop.cpc.lakehouse.web.graphql.dto;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("RowChange")
@Description("One change: INSERT (after), UPDATE (before and after) or DELETE (before); values in the order of "
        + "ChangeConnection.columns, as text like Row.values.")
public record RowChange(
        @NonNull @Id String snapshotId,
        long sequenceNumber,
        @NonNull @Description("INSERT, UPDATE or DELETE") String kind,
        List<String> before,
        List<String> after) {}
