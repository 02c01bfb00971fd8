package coop.cpc.lakehouse.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/**
 * What the catalog's changeable aggregates (assets, ingestion jobs) share: a random UUID id, when the row was
 * created and last updated, and the version optimistic locking checks. Equal by id, within one entity class.
 */
@MappedSuperclass
public abstract class VersionedEntity {

    @Id
    @Column(name = "id", nullable = false, updatable = false)
    private UUID id;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    /** For JPA only. */
    protected VersionedEntity() {}

    /** A new row: this id, created and last updated at {@code createdAt}. */
    protected VersionedEntity(UUID id, Instant createdAt) {
        this.id = id;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    @PrePersist
    @PreUpdate
    void touch() {
        updatedAt = CatalogTime.now();
    }

    public UUID getId() {
        return id;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public long getVersion() {
        return version;
    }

    /** The same entity class (or a lazy proxy of it) and the same id. */
    @Override
    public boolean equals(Object other) {
        return getClass().isInstance(other) && id.equals(((VersionedEntity) other).getId());
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }
}
