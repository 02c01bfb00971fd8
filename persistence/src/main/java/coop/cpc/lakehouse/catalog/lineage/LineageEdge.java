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
 * run event (job, run = execution, input and output datasets, column lineage). Immutable.
 */
@Entity
@Table(name = "data_lineage")
public class LineageEdge {

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

    public Instant getCreatedAt() {
        return createdAt;
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
