package coop.cpc.lakehouse.application.lineage.internal;

import coop.cpc.lakehouse.application.lineage.LineageGraph;
import coop.cpc.lakehouse.application.lineage.LineageGraph.Edge;
import coop.cpc.lakehouse.application.lineage.LineageGraph.Node;
import coop.cpc.lakehouse.application.lineage.LineageGraph.NodeKind;
import coop.cpc.lakehouse.catalog.lineage.LineageEdge;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Turns the edges a {@link LineageWalk} found into a {@link LineageGraph}: asset nodes named
 * {@code namespace.name}, external sources named by their URI. Pure.
 */
final class LineageGraphs {

    private LineageGraphs() {}

    /** The asset and every asset at either end of an edge, in the order met. */
    static Set<UUID> assetIds(UUID assetId, List<LineageEdge> edges) {
        Set<UUID> ids = new LinkedHashSet<>(List.of(assetId));
        for (LineageEdge edge : edges) {
            if (edge.getSourceAssetId() != null) {
                ids.add(edge.getSourceAssetId());
            }
            ids.add(edge.getTargetAssetId());
        }
        return ids;
    }

    /**
     * @param assetNames {@code namespace.name} by asset id; an asset missing from it (removed
     *                   meanwhile) is named by its id
     */
    static LineageGraph assemble(UUID assetId, List<LineageEdge> edges, Map<UUID, String> assetNames) {
        Map<String, Node> nodes = new LinkedHashMap<>();
        addAsset(nodes, assetId, assetNames);
        List<Edge> graphEdges = new ArrayList<>(edges.size());
        for (LineageEdge edge : edges) {
            String from;
            if (edge.getSourceAssetId() != null) {
                from = addAsset(nodes, edge.getSourceAssetId(), assetNames);
            } else {
                from = edge.getSourceUri();
                nodes.putIfAbsent(from, new Node(from, NodeKind.EXTERNAL, from));
            }
            String to = addAsset(nodes, edge.getTargetAssetId(), assetNames);
            graphEdges.add(new Edge(
                    edge.getId(),
                    from,
                    to,
                    edge.getTransformation().name(),
                    edge.getJobId(),
                    edge.getExecutionId(),
                    edge.getColumnMappings(),
                    edge.getCreatedAt()));
        }
        return new LineageGraph(List.copyOf(nodes.values()), List.copyOf(graphEdges));
    }

    private static String addAsset(Map<String, Node> nodes, UUID id, Map<UUID, String> assetNames) {
        String key = id.toString();
        nodes.computeIfAbsent(key, k -> new Node(k, NodeKind.ASSET, assetNames.getOrDefault(id, k)));
        return key;
    }
}
