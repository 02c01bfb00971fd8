package coop.cpc.lakehouse.catalog.run;

import coop.cpc.lakehouse.catalog.CatalogTime;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An asset a run read whole: its read went on to the end of the source, not stopped, not failed. Recorded in
 * the transaction of the run's last chunk; the run's commit overwrites the asset (with no segments when the run
 * staged none for it) and removes the row.
 */
@Entity
@Table(name = "read_whole_assets")
@IdClass(ReadWholeAsset.Key.class)
public class ReadWholeAsset {

    @Id
    @Column(name = "job_instance_id", nullable = false, updatable = false)
    private long jobInstanceId;

    @Id
    @Column(name = "asset_id", nullable = false, updatable = false)
    private UUID assetId;

    @Column(name = "job_id", nullable = false, updatable = false)
    private UUID jobId;

    @Column(name = "execution_id", nullable = false, updatable = false)
    private long executionId;

    @Column(name = "read_at", nullable = false, updatable = false)
    private Instant readAt;

    /** For JPA only. */
    protected ReadWholeAsset() {}

    public ReadWholeAsset(long jobInstanceId, UUID assetId, UUID jobId, long executionId) {
        this.jobInstanceId = jobInstanceId;
        this.assetId = Objects.requireNonNull(assetId, "assetId");
        this.jobId = Objects.requireNonNull(jobId, "jobId");
        this.executionId = executionId;
        this.readAt = CatalogTime.now();
    }

    public long getJobInstanceId() {
        return jobInstanceId;
    }

    public UUID getAssetId() {
        return assetId;
    }

    public UUID getJobId() {
        return jobId;
    }

    public long getExecutionId() {
        return executionId;
    }

    public Instant getReadAt() {
        return readAt;
    }

    /** The primary key: a run reads an asset whole once. */
    public static final class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        private long jobInstanceId;
        private UUID assetId;

        /** For JPA only. */
        public Key() {}

        public Key(long jobInstanceId, UUID assetId) {
            this.jobInstanceId = jobInstanceId;
            this.assetId = assetId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key
                    && jobInstanceId == key.jobInstanceId
                    && Objects.equals(assetId, key.assetId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(jobInstanceId, assetId);
        }
    }
}
