package coop.cpc.lakehouse.application.lineage;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The part of the lineage graph around one asset.
 *
 * @param truncated whether more edges were within the depth than one answer holds (the nearest are given)
 */
public record LineageGraph(List<Node> nodes, List<Edge> edges, boolean truncated) {

    public enum NodeKind {
        ASSET,
        EXTERNAL
    }

    /**
     * @param id   the asset id; for an external source its URI (admins) or {@code job-source:<job id>}
     * @param name {@code namespace.name} of an asset; for an external source its URI (admins) or its kind
     *             and job ({@code FILE_DROP job nightly-drop})
     */
    public record Node(String id, NodeKind kind, String name) {}

    /**
     * One derivation, recorded once however many runs repeated it.
     *
     * @param executionId        the first run's execution, or null
     * @param columnMappingsJson JSON array of {column, sourceField, derivation}, as the latest run recorded them
     * @param createdAt          when the first run recorded it
     * @param runs               how many runs recorded it
     * @param lastExecutionId    the latest run's execution, or null
     * @param lastRecordedAt     when the latest run recorded it
     */
    public record Edge(
            UUID id,
            String from,
            String to,
            String transformation,
            UUID jobId,
            Long executionId,
            String columnMappingsJson,
            Instant createdAt,
            long runs,
            Long lastExecutionId,
            Instant lastRecordedAt) {}
}
