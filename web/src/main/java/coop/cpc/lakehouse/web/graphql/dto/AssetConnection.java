package coop.cpc.lakehouse.web.graphql.dto;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("AssetConnection")
@Description("One page of assets in (namespace, name) order.")
public record AssetConnection(
        @NonNull List<@NonNull Asset> nodes, @NonNull PageInfo pageInfo) {}
