package coop.cpc.lakehouse.web.graphql.dto;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("LineageGraph")
@Description("The part of the lineage graph around one asset.")
public record LineageGraph(
        @NonNull List<@NonNull LineageNode> nodes, @NonNull List<@NonNull LineageEdge> edges) {}
