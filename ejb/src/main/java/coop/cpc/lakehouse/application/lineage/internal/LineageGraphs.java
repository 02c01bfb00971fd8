package coop.cpc.lakehouse.application.lineage.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * {@code namespace.name}, external sources named by their URI for admins; for anyone else by the
 * source's kind and the job that read it ({@code FILE_DROP job nightly-drop}, id
 * {@code job-source:<job id>}), since a URI holds hosts, ports, databases and server folders. A source asset
 * deleted since shows as {@code namespace.name (deleted)} to anyone. Pure.
 */
final class LineageGraphs {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Whether external sources show their URI (connection details: admins only). */
    enum SourceDetails {
        SHOWN,
        HIDDEN
    }

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
    static LineageGraph assemble(
            UUID assetId,
            List<LineageEdge> edges,
            boolean truncated,
            Map<UUID, String> assetNames,
            SourceDetails sourceDetails) {
        Map<String, Node> nodes = new LinkedHashMap<>();
        addAsset(nodes, assetId, assetNames);
        List<Edge> graphEdges = new ArrayList<>(edges.size());
        for (LineageEdge edge : edges) {
            String from;
            if (edge.getSourceAssetId() != null) {
                from = addAsset(nodes, edge.getSourceAssetId(), assetNames);
            } else {
                // Only an edge the lakehouse itself wrote for a deleted asset (no job read it): a job's source URI
                // is never taken for one, whatever it says.
                String deleted = edge.getJobId() == null ? LineageEdge.deletedAssetName(edge.getSourceUri()) : null;
                Node source = deleted != null
                        ? new Node(edge.getSourceUri(), NodeKind.EXTERNAL, deleted + " (deleted)")
                        : sourceDetails == SourceDetails.SHOWN
                                ? new Node(edge.getSourceUri(), NodeKind.EXTERNAL, edge.getSourceUri())
                                : hiddenSource(edge);
                from = source.id();
                nodes.putIfAbsent(from, source);
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
                    edge.getCreatedAt(),
                    edge.getRunCount(),
                    edge.getLastExecutionId(),
                    edge.getLastRecordedAt()));
        }
        return new LineageGraph(List.copyOf(nodes.values()), List.copyOf(graphEdges), truncated);
    }

    /**
     * An external source without its URI: one node per job (its id never changes; the name is the job's
     * at the run, as the edge's parameters recorded it), or per edge for a source no job read.
     */
    private static Node hiddenSource(LineageEdge edge) {
        JsonNode parameters = parameters(edge);
        String kind = text(parameters, "sourceType", "external");
        if (edge.getJobId() == null) {
            return new Node("edge-source:" + edge.getId(), NodeKind.EXTERNAL, kind + " source");
        }
        String job = text(parameters, "job", edge.getJobId().toString());
        return new Node("job-source:" + edge.getJobId(), NodeKind.EXTERNAL, kind + " job " + job);
    }

    private static JsonNode parameters(LineageEdge edge) {
        try {
            return JSON.readTree(edge.getParameters());
        } catch (JsonProcessingException notJson) {
            return JSON.nullNode();
        }
    }

    private static String text(JsonNode parameters, String field, String otherwise) {
        JsonNode value = parameters.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : otherwise;
    }

    private static String addAsset(Map<String, Node> nodes, UUID id, Map<UUID, String> assetNames) {
        String key = id.toString();
        nodes.computeIfAbsent(key, k -> new Node(k, NodeKind.ASSET, assetNames.getOrDefault(id, k)));
        return key;
    }
}
