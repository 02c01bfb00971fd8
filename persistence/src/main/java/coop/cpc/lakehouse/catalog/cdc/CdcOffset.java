package coop.cpc.lakehouse.catalog.cdc;

import coop.cpc.lakehouse.catalog.CatalogTime;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * The Debezium offsets of one connector (named like its replication slot). Updated in the same
 * transaction as the CHANGES segment and snapshot it covers; the version column stops two
 * engines from advancing the same connector.
 */
@Entity
@Table(name = "cdc_offsets")
public class CdcOffset {

    @Id
    @Column(name = "connector_name", nullable = false, updatable = false)
    private String connectorName;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "offsets", nullable = false)
    private String offsets;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    /** For JPA only. */
    protected CdcOffset() {}

    /** @param offsetsJson JSON object: the engine's offset map (partition key → offset) */
    public CdcOffset(String connectorName, String offsetsJson) {
        this.connectorName = Objects.requireNonNull(connectorName, "connectorName");
        this.offsets = Objects.requireNonNull(offsetsJson, "offsetsJson");
        this.updatedAt = CatalogTime.now();
    }

    @PrePersist
    @PreUpdate
    void touch() {
        updatedAt = CatalogTime.now();
    }

    public String getConnectorName() {
        return connectorName;
    }

    public String getOffsets() {
        return offsets;
    }

    public void setOffsets(String offsetsJson) {
        this.offsets = Objects.requireNonNull(offsetsJson, "offsetsJson");
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public long getVersion() {
        return version;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CdcOffset offset && connectorName.equals(offset.getConnectorName());
    }

    @Override
    public int hashCode() {
        return connectorName.hashCode();
    }

    @Override
    public String toString() {
        return "CdcOffset[" + connectorName + "]";
    }
}
