package coop.cpc.lakehouse.catalog.run;

import coop.cpc.lakehouse.catalog.CatalogTime;
import coop.cpc.lakehouse.catalog.segment.SegmentFile;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A segment file a run has written and checkpointed but not yet committed: recorded in the chunk's
 * transaction with the reader's checkpoint, removed by the commit that makes it part of a snapshot.
 */
@Entity
@Table(name = "staged_segments")
public class StagedSegmentFile extends SegmentFile {

    @Id
    @Column(name = "path", nullable = false, updatable = false)
    private String path;

    @Column(name = "job_instance_id", nullable = false, updatable = false)
    private long jobInstanceId;

    @Column(name = "job_id", nullable = false, updatable = false)
    private UUID jobId;

    @Column(name = "asset_id", nullable = false, updatable = false)
    private UUID assetId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "added_columns", nullable = false, updatable = false)
    private String addedColumns;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "source_state", nullable = false, updatable = false)
    private String sourceState;

    @Column(name = "staged_at", nullable = false, updatable = false)
    private Instant stagedAt;

    /** For JPA only. */
    protected StagedSegmentFile() {}

    /**
     * @param path             relative to webm_storage_path
     * @param addedColumnsJson JSON array of the columns ({name, type}) the asset's schema may still lack
     * @param sourceStateJson  JSON object: the source's read position after this chunk
     */
    public StagedSegmentFile(
            String path,
            long jobInstanceId,
            UUID jobId,
            UUID assetId,
            String addedColumnsJson,
            long rowCount,
            long byteSize,
            String sha256,
            String columnStatisticsJson,
            String sourceStateJson) {
        this.path = Objects.requireNonNull(path, "path");
        this.jobInstanceId = jobInstanceId;
        this.jobId = Objects.requireNonNull(jobId, "jobId");
        this.assetId = Objects.requireNonNull(assetId, "assetId");
        this.addedColumns = Objects.requireNonNull(addedColumnsJson, "addedColumnsJson");
        holding(rowCount, byteSize, sha256, columnStatisticsJson);
        this.sourceState = Objects.requireNonNull(sourceStateJson, "sourceStateJson");
        this.stagedAt = CatalogTime.now();
    }

    public String getPath() {
        return path;
    }

    public long getJobInstanceId() {
        return jobInstanceId;
    }

    public UUID getJobId() {
        return jobId;
    }

    public UUID getAssetId() {
        return assetId;
    }

    public String getAddedColumns() {
        return addedColumns;
    }

    public String getSourceState() {
        return sourceState;
    }

    public Instant getStagedAt() {
        return stagedAt;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StagedSegmentFile file && path.equals(file.path);
    }

    @Override
    public int hashCode() {
        return path.hashCode();
    }

    @Override
    public String toString() {
        return "StagedSegmentFile[" + path + ", instance " + jobInstanceId + ", " + getRowCount() + " rows]";
    }
}
