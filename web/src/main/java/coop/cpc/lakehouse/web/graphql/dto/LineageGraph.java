package coop.cpc.lakehouse.web.graphql.dto;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

@Type("LineageGraph")
@Description("The part of the lineage graph around one asset.")
public record LineageGraph(
        @NonNull List<@NonNull LineageNode> nodes,
        @NonNull List<@NonNull LineageEdge> edges,

        @Description("true when more edges lie within the depth than one answer holds (500): the nearest"
                + " levels are given, oldest first within a level; ask for less depth or one direction")
        boolean truncated) {}
