package coop.cpc.lakehouse.web.graphql.dto;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("LineageNode")
@Description("An asset or an external source in the lineage graph.")
public record LineageNode(
        @NonNull @Description("The asset id, or the URI of an external source")
        String id,

        @NonNull LineageNodeKind kind,

        @NonNull @Description("namespace.name of an asset, the URI of an external source")
        String name) {}
