package coop.cpc.lakehouse.catalog.asset;

import coop.cpc.lakehouse.catalog.CatalogTime;
import coop.cpc.lakehouse.catalog.VersionedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A table of the lakehouse: its identity (namespace, name), schema, classification and the
 * snapshot readers currently see. Other aggregates (snapshots, segments, jobs) refer to it by id.
 */
@Entity
@Table(name = "data_assets")
public class DataAsset extends VersionedEntity {

    /** Format of namespaces and names, the same as the table's CHECK constraints. */
    public static final Pattern NAME_FORMAT = Pattern.compile("^[a-z][a-z0-9_]{0,62}$");

    /** An empty schema document: no columns yet. */
    public static final String EMPTY_SCHEMA = "{\"columns\": []}";

    @Column(name = "namespace", nullable = false, updatable = false)
    private String namespace;

    @Column(name = "name", nullable = false, updatable = false)
    private String name;

    @Column(name = "description")
    private String description;

    @Enumerated(EnumType.STRING)
    @Column(name = "asset_type", nullable = false)
    private AssetType assetType;

    @Enumerated(EnumType.STRING)
    @Column(name = "storage_format", nullable = false)
    private StorageFormat storageFormat;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "schema", nullable = false)
    private String schema;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "primary_key", nullable = false)
    private String[] primaryKey;

    /** Columns rows are sorted by inside each segment written (empty: arrival order); see V8. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "sort_order", nullable = false)
    private String[] sortOrder;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "tags", nullable = false)
    private String[] tags;

    @Enumerated(EnumType.STRING)
    @Column(name = "classification", nullable = false)
    private Classification classification;

    @Column(name = "current_snapshot_id")
    private UUID currentSnapshotId;

    @Column(name = "row_count", nullable = false)
    private long rowCount;

    @Column(name = "byte_size", nullable = false)
    private long byteSize;

    /** For JPA only. */
    protected DataAsset() {}

    /**
     * A new, empty asset in the WebM columnar format.
     *
     * @param schemaJson the schema document, a JSON object ({@code {"columns": [...]}})
     * @throws IllegalArgumentException when namespace or name do not match {@link #NAME_FORMAT}
     */
    public DataAsset(
            String namespace, String name, AssetType assetType, Classification classification, String schemaJson) {
        super(UUID.randomUUID(), CatalogTime.now());
        this.namespace = requireName("namespace", namespace);
        this.name = requireName("name", name);
        this.assetType = Objects.requireNonNull(assetType, "assetType");
        this.storageFormat = StorageFormat.WEBM_COLUMNAR;
        this.classification = Objects.requireNonNull(classification, "classification");
        this.schema = Objects.requireNonNull(schemaJson, "schemaJson");
        this.primaryKey = new String[0];
        this.sortOrder = new String[0];
        this.tags = new String[0];
    }

    private static String requireName(String what, String value) {
        Objects.requireNonNull(value, what);
        if (!NAME_FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("Invalid " + what + " '" + value
                    + "': expected a lower-case letter, then up to 62 lower-case letters, digits or '_'");
        }
        return value;
    }

    /** Records a committed snapshot as the one readers see, with the asset's totals after it. */
    public void commitSnapshot(UUID snapshotId, long rowCountAfter, long byteSizeAfter) {
        if (rowCountAfter < 0 || byteSizeAfter < 0) {
            throw new IllegalArgumentException("Row count and byte size cannot be negative");
        }
        this.currentSnapshotId = Objects.requireNonNull(snapshotId, "snapshotId");
        this.rowCount = rowCountAfter;
        this.byteSize = byteSizeAfter;
    }

    public String getNamespace() {
        return namespace;
    }

    public String getName() {
        return name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public AssetType getAssetType() {
        return assetType;
    }

    public void setAssetType(AssetType assetType) {
        this.assetType = Objects.requireNonNull(assetType, "assetType");
    }

    public StorageFormat getStorageFormat() {
        return storageFormat;
    }

    /** The schema document (JSON object text). */
    public String getSchema() {
        return schema;
    }

    public void setSchema(String schemaJson) {
        this.schema = Objects.requireNonNull(schemaJson, "schemaJson");
    }

    /** Primary key column names in key order; empty when the asset has none. */
    public List<String> getPrimaryKey() {
        return List.of(primaryKey);
    }

    public void setPrimaryKey(List<String> columns) {
        this.primaryKey = columns.toArray(String[]::new);
    }

    /** The columns rows are sorted by inside each written segment; empty when the asset has none. */
    public List<String> getSortOrder() {
        return sortOrder == null ? List.of() : List.of(sortOrder);
    }

    public void setSortOrder(List<String> columns) {
        this.sortOrder = columns.toArray(String[]::new);
    }

    public List<String> getTags() {
        return List.of(tags);
    }

    /** Replaces the tags; duplicates are dropped, order is kept. */
    public void setTags(List<String> tags) {
        this.tags = tags.stream()
                .map(t -> Objects.requireNonNull(t, "tag"))
                .distinct()
                .toArray(String[]::new);
    }

    public Classification getClassification() {
        return classification;
    }

    public void setClassification(Classification classification) {
        this.classification = Objects.requireNonNull(classification, "classification");
    }

    /** The snapshot readers see, or null before the first commit. */
    public UUID getCurrentSnapshotId() {
        return currentSnapshotId;
    }

    public long getRowCount() {
        return rowCount;
    }

    public long getByteSize() {
        return byteSize;
    }

    @Override
    public String toString() {
        return "DataAsset[" + namespace + "." + name + ", id=" + getId() + "]";
    }
}
