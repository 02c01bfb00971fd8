package coop.cpc.lakehouse.web.graphql.dto;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("AssetInput")
@Description("A new asset. Names follow [a-z][a-z0-9_]{0,62}.")
public record AssetInput(
        @NonNull String namespace,
        @NonNull String name,
        String description,
        @Description("Default STRUCTURED") AssetType assetType,
        @Description("Default INTERNAL") Classification classification,
        List<ColumnInput> columns,
        List<String> tags,

        @Description("Columns (at most 4) by which the rows inside each segment written are sorted, so that"
                + " reads filtering on them skip row groups; default none (rows stay in arrival order)")
        List<String> sortOrder) {}
