package coop.cpc.lakehouse.catalog.audit;

import coop.cpc.lakehouse.catalog.CatalogTime;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What a purge leaves behind: the last entry it removed (newest in chain order). The oldest
 * remaining entry must link to this hash; an entry removed without a purge leaves a link that
 * no anchor holds.
 */
@Entity
@Table(name = "audit_anchor")
public class AuditAnchor {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id", nullable = false, updatable = false)
    private Long id;

    @Column(name = "purged_at", nullable = false, updatable = false)
    private Instant purgedAt;

    @Column(name = "purged_before", nullable = false, updatable = false)
    private Instant purgedBefore;

    @Column(name = "entries_purged", nullable = false, updatable = false)
    private long entriesPurged;

    @Column(name = "last_entry_id", nullable = false, updatable = false)
    private UUID lastEntryId;

    @Column(name = "last_entry_at", nullable = false, updatable = false)
    private Instant lastEntryAt;

    @Column(name = "last_entry_hash", nullable = false, updatable = false)
    private String lastEntryHash;

    /** For JPA only. */
    protected AuditAnchor() {}

    public AuditAnchor(Instant purgedBefore, long entriesPurged, AuditLogEntry last) {
        this.purgedAt = CatalogTime.now();
        this.purgedBefore = CatalogTime.truncate(Objects.requireNonNull(purgedBefore, "purgedBefore"));
        this.entriesPurged = entriesPurged;
        this.lastEntryId = last.getId();
        this.lastEntryAt = last.getOccurredAt();
        this.lastEntryHash = last.getHash();
    }

    public Long getId() {
        return id;
    }

    public Instant getPurgedAt() {
        return purgedAt;
    }

    public Instant getPurgedBefore() {
        return purgedBefore;
    }

    public long getEntriesPurged() {
        return entriesPurged;
    }

    public UUID getLastEntryId() {
        return lastEntryId;
    }

    public Instant getLastEntryAt() {
        return lastEntryAt;
    }

    public String getLastEntryHash() {
        return lastEntryHash;
    }
}
