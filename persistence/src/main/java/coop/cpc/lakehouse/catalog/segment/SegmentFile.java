package coop.cpc.lakehouse.catalog.segment;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import java.util.Objects;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * What the catalog records of a written WebM segment file, staged ({@code staged_segments}) or committed
 * ({@code webm_columnar}): its rows, size, SHA-256 and column statistics, none of which a row's update changes.
 */
@MappedSuperclass
public abstract class SegmentFile {

    @Column(name = "row_count", nullable = false, updatable = false)
    private long rowCount;

    @Column(name = "byte_size", nullable = false, updatable = false)
    private long byteSize;

    @Column(name = "sha256", nullable = false, updatable = false)
    private String sha256;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "column_statistics", nullable = false, updatable = false)
    private String columnStatistics;

    /** For JPA, and for a new row's constructor, which then calls {@link #holding}. */
    protected SegmentFile() {}

    /**
     * Records what a new row's file holds; the subclass checks the values its table constrains first.
     *
     * @param sha256               hex digest of the file
     * @param columnStatisticsJson JSON object: per column min, max, null count
     */
    protected final void holding(long rowCount, long byteSize, String sha256, String columnStatisticsJson) {
        this.rowCount = rowCount;
        this.byteSize = byteSize;
        this.sha256 = Objects.requireNonNull(sha256, "sha256");
        this.columnStatistics = Objects.requireNonNull(columnStatisticsJson, "columnStatisticsJson");
    }

    public long getRowCount() {
        return rowCount;
    }

    public long getByteSize() {
        return byteSize;
    }

    public String getSha256() {
        return sha256;
    }

    public String getColumnStatistics() {
        return columnStatistics;
    }
}
