package coop.cpc.lakehouse.catalog.lineage;

import coop.cpc.lakehouse.catalog.CatalogTime;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One derivation: the target asset was produced from a source (another asset, or an external
 * dataset named by URI) by a transformation, with its column mappings. Mirrors an OpenLineage
 * run event (job, run = execution, input and output datasets, column lineage). One edge per derivation:
 * a later run of the same job from the same source into the same target (or, without a job, the same source
 * asset, target and transformation) counts one more run of it ({@link LineageRepository#add}); the edge keeps
 * its first run and the latest run's execution, time, parameters and column mappings. Immutable in Java: only
 * the repository's upsert changes a stored edge.
 */
@Entity
@Table(name = "data_lineage")
public class LineageEdge {
    /** How an edge names its source asset once that asset is deleted: {@code lakehouse-deleted-asset:ns.name/id}. */
    public static final String DELETED_ASSET_SCHEME = "lakehouse-deleted-asset:";

    @Id
    @Column(name = "id", nullable = false, updatable = false)
    private UUID id;

    @Column(name = "source_asset_id", updatable = false)
    private UUID sourceAssetId;

    @Column(name = "source_uri", updatable = false)
    private String sourceUri;

    @Column(name = "target_asset_id", nullable = false, updatable = false)
    private UUID targetAssetId;

    @Enumerated(EnumType.STRING)
    @Column(name = "transformation", nullable = false, updatable = false)
    private Transformation transformation;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "parameters", nullable = false, updatable = false)
    private String parameters;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "column_mappings", nullable = false, updatable = false)
    private String columnMappings;

    @Column(name = "job_id", updatable = false)
    private UUID jobId;

    @Column(name = "execution_id", updatable = false)
    private Long executionId;

    @Column(name = "created_by", nullable = false, updatable = false)
    private String createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "run_count", nullable = false, updatable = false)
    private long runCount;

    @Column(name = "last_execution_id", updatable = false)
    private Long lastExecutionId;

    @Column(name = "last_recorded_at", nullable = false, updatable = false)
    private Instant lastRecordedAt;

    /** For JPA only. */
    protected LineageEdge() {}

    /**
     * @param sourceAssetId      the source asset, or null for an external source
     * @param sourceUri          the source's URI ({@code postgresql://host/db/schema.table},
     *                           {@code sled:/path#tree}, {@code https://…}, {@code file:/…}); may be
     *                           null only when sourceAssetId is given
     * @param parametersJson     JSON object of the transformation's parameters
     * @param columnMappingsJson JSON array: output column, input columns, IDENTITY/MASKED/DERIVED
     * @param jobId              the ingestion job, or null
     * @param executionId        its Jakarta Batch execution id, or null
     */
    public LineageEdge(
            UUID sourceAssetId,
            String sourceUri,
            UUID targetAssetId,
            Transformation transformation,
            String parametersJson,
            String columnMappingsJson,
            UUID jobId,
            Long executionId,
            String createdBy) {
        if (sourceAssetId == null && sourceUri == null) {
            throw new IllegalArgumentException("A lineage edge needs a source asset or a source URI");
        }
        this.id = UUID.randomUUID();
        this.sourceAssetId = sourceAssetId;
        this.sourceUri = sourceUri;
        this.targetAssetId = Objects.requireNonNull(targetAssetId, "targetAssetId");
        this.transformation = Objects.requireNonNull(transformation, "transformation");
        this.parameters = Objects.requireNonNull(parametersJson, "parametersJson");
        this.columnMappings = Objects.requireNonNull(columnMappingsJson, "columnMappingsJson");
        this.jobId = jobId;
        this.executionId = executionId;
        this.createdBy = Objects.requireNonNull(createdBy, "createdBy");
        this.createdAt = CatalogTime.now();
        this.runCount = 1;
        this.lastExecutionId = executionId;
        this.lastRecordedAt = createdAt;
    }

    public UUID getId() {
        return id;
    }

    public UUID getSourceAssetId() {
        return sourceAssetId;
    }

    public String getSourceUri() {
        return sourceUri;
    }

    public UUID getTargetAssetId() {
        return targetAssetId;
    }

    public Transformation getTransformation() {
        return transformation;
    }

    public String getParameters() {
        return parameters;
    }

    public String getColumnMappings() {
        return columnMappings;
    }

    public UUID getJobId() {
        return jobId;
    }

    public Long getExecutionId() {
        return executionId;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    /** When the first run recorded the edge. */
    public Instant getCreatedAt() {
        return createdAt;
    }

    /** How many runs recorded this edge (a repeat of the same derivation counts here, not as a new edge). */
    public long getRunCount() {
        return runCount;
    }

    /** The latest run's Jakarta Batch execution id, or null. */
    public Long getLastExecutionId() {
        return lastExecutionId;
    }

    /** When the latest run recorded the edge. */
    public Instant getLastRecordedAt() {
        return lastRecordedAt;
    }

    /** The source URI of the edges out of a deleted asset ({@link LineageRepository#keepEdgesOfDeletedSource}). */
    public static String deletedAssetUri(String namespace, String name, UUID id) {
        return DELETED_ASSET_SCHEME + namespace + "." + name + "/" + id;
    }

    /** The {@code namespace.name} a deleted asset's URI names, or null when the URI is not one. */
    public static String deletedAssetName(String sourceUri) {
        if (sourceUri == null || !sourceUri.startsWith(DELETED_ASSET_SCHEME)) {
            return null;
        }
        int slash = sourceUri.lastIndexOf('/');
        return slash > DELETED_ASSET_SCHEME.length() ? sourceUri.substring(DELETED_ASSET_SCHEME.length(), slash) : null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LineageEdge edge && id.equals(edge.getId());
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "LineageEdge[" + (sourceAssetId != null ? sourceAssetId : sourceUri) + " -" + transformation + "-> "
                + targetAssetId + "]";
    }
}
