package coop.cpc.lakehouse.catalog.segment;

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
import java.util.regex.Pattern;

/**
 * One WebM segment file of an asset. Live from the snapshot that added it until the snapshot
 * that removed it (compaction, overwrite); the file itself is immutable, checked by its SHA-256.
 */
@Entity
@Table(name = "webm_columnar")
public class WebmSegment extends SegmentFile {

    private static final Pattern SHA256_HEX = Pattern.compile("^[0-9a-f]{64}$");

    @Id
    @Column(name = "id", nullable = false, updatable = false)
    private UUID id;

    @Column(name = "asset_id", nullable = false, updatable = false)
    private UUID assetId;

    @Column(name = "added_snapshot_id", nullable = false, updatable = false)
    private UUID addedSnapshotId;

    @Column(name = "removed_snapshot_id")
    private UUID removedSnapshotId;

    @Column(name = "path", nullable = false, updatable = false)
    private String path;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false, updatable = false)
    private SegmentKind kind;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "data_sequence", nullable = false, updatable = false)
    private long dataSequence;

    /** For JPA only. */
    protected WebmSegment() {}

    /**
     * @param path                 relative to {@code webm_storage_path}; no leading '/', no '..'
     * @param sha256               lower-case hex digest of the file
     * @param columnStatisticsJson JSON object: per column min, max, null count
     * @param dataSequence         orders versions of a key: the sequence number of the snapshot that wrote
     *                             the rows (for a compacted segment, of the snapshot it was compacted from)
     */
    public WebmSegment(
            UUID assetId,
            UUID addedSnapshotId,
            String path,
            SegmentKind kind,
            long rowCount,
            long byteSize,
            String sha256,
            String columnStatisticsJson,
            long dataSequence) {
        if (dataSequence < 1) {
            throw new IllegalArgumentException("A data sequence is at least 1");
        }
        this.dataSequence = dataSequence;
        this.id = UUID.randomUUID();
        this.assetId = Objects.requireNonNull(assetId, "assetId");
        this.addedSnapshotId = Objects.requireNonNull(addedSnapshotId, "addedSnapshotId");
        this.path = requireRelative(path);
        this.kind = Objects.requireNonNull(kind, "kind");
        if (rowCount < 0 || byteSize < 0) {
            throw new IllegalArgumentException("Row count and byte size cannot be negative");
        }
        if (sha256 == null || !SHA256_HEX.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits");
        }
        holding(rowCount, byteSize, sha256, columnStatisticsJson);
        this.createdAt = CatalogTime.now();
    }

    private static String requireRelative(String path) {
        Objects.requireNonNull(path, "path");
        boolean climbs = path.equals("..") || path.startsWith("../") || path.endsWith("/..") || path.contains("/../");
        if (path.isEmpty() || path.startsWith("/") || path.contains("\\") || climbs) {
            throw new IllegalArgumentException(
                    "Segment path must be relative and stay inside the storage folder: " + path);
        }
        return path;
    }

    /** Marks the segment as no longer live from the given snapshot on. */
    public void removedBy(UUID snapshotId) {
        if (removedSnapshotId != null) {
            throw new IllegalStateException(
                    "Segment " + path + " was already removed by snapshot " + removedSnapshotId);
        }
        this.removedSnapshotId = Objects.requireNonNull(snapshotId, "snapshotId");
    }

    public UUID getId() {
        return id;
    }

    public UUID getAssetId() {
        return assetId;
    }

    public UUID getAddedSnapshotId() {
        return addedSnapshotId;
    }

    /** The snapshot from which the segment is no longer live, or null while it is. */
    public UUID getRemovedSnapshotId() {
        return removedSnapshotId;
    }

    public String getPath() {
        return path;
    }

    public SegmentKind getKind() {
        return kind;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    /** Orders versions of a key (see the constructor); a delete hides versions with a lower one. */
    public long getDataSequence() {
        return dataSequence;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WebmSegment segment && id.equals(segment.getId());
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "WebmSegment[" + path + ", " + kind + ", id=" + id + "]";
    }
}
