package coop.cpc.lakehouse.catalog.snapshot;

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
 * One commit to an asset. Immutable once written: readers pin a snapshot and see exactly the
 * segments live in it. Sequence numbers order the commits of one asset (1, 2, …), which is the
 * order merge-on-read applies CDC changes in.
 */
@Entity
@Table(name = "asset_snapshots")
public class AssetSnapshot {

    @Id
    @Column(name = "id", nullable = false, updatable = false)
    private UUID id;

    @Column(name = "asset_id", nullable = false, updatable = false)
    private UUID assetId;

    @Column(name = "parent_id", updatable = false)
    private UUID parentId;

    @Column(name = "sequence_number", nullable = false, updatable = false)
    private long sequenceNumber;

    @Enumerated(EnumType.STRING)
    @Column(name = "operation", nullable = false, updatable = false)
    private SnapshotOperation operation;

    @Column(name = "committed_at", nullable = false, updatable = false)
    private Instant committedAt;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "summary", nullable = false, updatable = false)
    private String summary;

    @Column(name = "source_job_id", updatable = false)
    private UUID sourceJobId;

    @Column(name = "source_execution_id", updatable = false)
    private Long sourceExecutionId;

    @Column(name = "expired_at")
    private Instant expiredAt;

    /** For JPA only. */
    protected AssetSnapshot() {}

    private AssetSnapshot(
            UUID assetId,
            UUID parentId,
            long sequenceNumber,
            SnapshotOperation operation,
            String summaryJson,
            UUID sourceJobId,
            Long sourceExecutionId) {
        this.id = UUID.randomUUID();
        this.assetId = Objects.requireNonNull(assetId, "assetId");
        this.parentId = parentId;
        this.sequenceNumber = sequenceNumber;
        this.operation = Objects.requireNonNull(operation, "operation");
        this.summary = Objects.requireNonNull(summaryJson, "summaryJson");
        this.sourceJobId = sourceJobId;
        this.sourceExecutionId = sourceExecutionId;
        this.committedAt = CatalogTime.now();
    }

    /**
     * The first snapshot of an asset (sequence number 1, no parent).
     *
     * @param summaryJson       JSON object: rows added/removed, segments added/removed
     * @param sourceJobId       the ingestion job that committed it, or null
     * @param sourceExecutionId its Jakarta Batch execution id, or null
     */
    public static AssetSnapshot first(
            UUID assetId, SnapshotOperation operation, String summaryJson, UUID sourceJobId, Long sourceExecutionId) {
        return new AssetSnapshot(assetId, null, 1, operation, summaryJson, sourceJobId, sourceExecutionId);
    }

    /** The snapshot that follows {@code parent} on the same asset. */
    public static AssetSnapshot after(
            AssetSnapshot parent,
            SnapshotOperation operation,
            String summaryJson,
            UUID sourceJobId,
            Long sourceExecutionId) {
        return new AssetSnapshot(
                parent.getAssetId(),
                parent.getId(),
                parent.getSequenceNumber() + 1,
                operation,
                summaryJson,
                sourceJobId,
                sourceExecutionId);
    }

    /**
     * Before it is stored: the snapshot commits at {@code instant} instead of when it was made. The snapshots one
     * transaction commits together (an ingestion run's) share one time, so that a read as of a timestamp sees all
     * of them or none.
     */
    public AssetSnapshot committedAt(Instant instant) {
        this.committedAt = CatalogTime.truncate(Objects.requireNonNull(instant, "instant"));
        return this;
    }

    public UUID getId() {
        return id;
    }

    public UUID getAssetId() {
        return assetId;
    }

    /** The previous snapshot of the asset, or null for its first. */
    public UUID getParentId() {
        return parentId;
    }

    public long getSequenceNumber() {
        return sequenceNumber;
    }

    public SnapshotOperation getOperation() {
        return operation;
    }

    public Instant getCommittedAt() {
        return committedAt;
    }

    public String getSummary() {
        return summary;
    }

    public UUID getSourceJobId() {
        return sourceJobId;
    }

    public Long getSourceExecutionId() {
        return sourceExecutionId;
    }

    /** When snapshot expiry removed the segments only this snapshot saw, or null while it can be read. */
    public Instant getExpiredAt() {
        return expiredAt;
    }

    public boolean isExpired() {
        return expiredAt != null;
    }

    /** Marks the snapshot as no longer readable (its row stays so that time travel to it can say so). */
    public void expire() {
        if (expiredAt == null) {
            expiredAt = CatalogTime.now();
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AssetSnapshot snapshot && id.equals(snapshot.getId());
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "AssetSnapshot[asset=" + assetId + ", #" + sequenceNumber + " " + operation + ", id=" + id + "]";
    }
}
